package org.tlsrpt.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tlsrpt.core.parse.ParserFixtures.BASE;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.tlsrpt.core.decode.Envelope;
import org.tlsrpt.core.problem.RefusalCode;

/** Whatever the bytes, the parser answers Parsed or Refused; it never throws. */
class ReportParserRobustnessTest {

    private static final List<String> FIXTURES = List.of("google-no-policy-found.json", "google-sts.json",
            "microsoft-sts-tlsa.json", "mailru-fetch-error.json", "postfix-sys4.json", "rfc8460-example.json",
            "draft-era-keys.json");

    /** Every value in {@link #BASE}: where it starts and ends, so a test can put something else there. */
    private record Slot(String field, int start, int end) {
    }

    private static final List<Slot> SLOTS = slots(BASE);

    private static ParseOutcome parseBytes(byte[] bytes) {
        ParseOutcome outcome = ParserFixtures.PARSER.parse(bytes, 0, bytes.length, Envelope.NONE);
        assertThat(outcome).isNotNull();
        if (outcome instanceof ParseOutcome.Refused refused) {
            assertThat(refused.refusal().message()).isNotBlank().doesNotContain("\n");
            assertThat(refused.refusal().path()).startsWith("$");
        }
        return outcome;
    }

    // ---- (2) mutations and truncations of valid reports

    @Property(tries = 1500)
    void mutatedReportsAreParsedOrRefused(@ForAll("validJson") byte[] json, @ForAll("mutations") List<int[]> edits) {
        byte[] bytes = json;
        for (int[] edit : edits) {
            bytes = apply(bytes, edit);
        }
        parseBytes(bytes);
    }

    @Property(tries = 500)
    void truncatedReportsAreRefused(@ForAll("validJson") byte[] json, @ForAll @IntRange(min = 0, max = 100_000) int cut) {
        int length = cut % json.length;
        // everything before the closing brace is incomplete JSON
        byte[] truncated = Arrays.copyOf(json, Math.min(length, lastBrace(json)));

        assertThat(parseBytes(truncated)).isInstanceOf(ParseOutcome.Refused.class);
    }

    @Property(tries = 500)
    void randomBytesAreParsedOrRefused(@ForAll byte[] bytes) {
        parseBytes(bytes);
    }

    // ---- (3) values of the wrong JSON type at each field

    @Property(tries = 1500)
    void anyJsonValueAtAnyFieldIsParsedOrRefused(@ForAll("slots") Slot slot, @ForAll("jsonValues") String value) {
        String json = BASE.substring(0, slot.start()) + value + BASE.substring(slot.end());

        ParseOutcome outcome = parseBytes(json.getBytes(StandardCharsets.UTF_8));

        if (outcome instanceof ParseOutcome.Refused refused) {
            assertThat(refused.refusal().code()).isNotIn(RefusalCode.NOT_JSON, RefusalCode.INVALID_UTF8);
        }
    }

    // ---- (4) invalid UTF-8 inside strings

    @Property(tries = 1000)
    void invalidUtf8InsideStringsIsRefusedAsInvalidUtf8OrParsed(@ForAll("stringSlots") Slot slot,
            @ForAll("invalidUtf8") byte[] garbage, @ForAll @IntRange(min = 0, max = 50) int position) {
        byte[] base = BASE.getBytes(StandardCharsets.US_ASCII);
        int inside = slot.start() + 1 + position % (slot.end() - slot.start() - 1); // after the opening quote
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(base, 0, inside);
        bytes.writeBytes(garbage);
        bytes.write(base, inside, base.length - inside);

        ParseOutcome outcome = parseBytes(bytes.toByteArray());

        if (outcome instanceof ParseOutcome.Refused refused) {
            assertThat(refused.refusal().code()).isEqualTo(RefusalCode.INVALID_UTF8);
        }
    }

    // ---- (5) huge counts

    @Property(tries = 500)
    void hugeCountsAreRefusedAsInvalid(@ForAll("countSlots") Slot slot, @ForAll("hugeCounts") String count) {
        String json = BASE.substring(0, slot.start()) + count + BASE.substring(slot.end());

        ParseOutcome outcome = parseBytes(json.getBytes(StandardCharsets.UTF_8));

        assertThat(outcome).isInstanceOf(ParseOutcome.Refused.class);
        assertThat(((ParseOutcome.Refused) outcome).refusal().code()).isEqualTo(RefusalCode.INVALID_COUNT);
    }

    // ---- generators

    @Provide
    Arbitrary<byte[]> validJson() {
        Arbitrary<byte[]> fixtures = Arbitraries.of(FIXTURES).map(ParserFixtures::resource);
        Arbitrary<byte[]> generated = ReportArbitraries.report().map(CanonicalJson::toBytes);
        return Arbitraries.oneOf(fixtures, generated, Arbitraries.just(BASE.getBytes(StandardCharsets.UTF_8)));
    }

    /** Edits as {kind, position, byte}: 0 flips bits, 1 inserts a byte, 2 deletes a byte, 3 truncates. */
    @Provide
    Arbitrary<List<int[]>> mutations() {
        Arbitrary<Integer> interestingByte = Arbitraries.oneOf(Arbitraries.integers().between(0, 255),
                Arbitraries.of((int) '{', (int) '}', (int) '[', (int) ']', (int) '"', (int) ',', (int) ':', (int) '\\',
                        (int) '-', (int) '0', (int) 'e', (int) '.', 0xC3, 0xFF, 0x00));
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE), interestingByte)
                .as((kind, position, value) -> new int[] {kind, position, value});
        return edit.list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<Slot> slots() {
        return Arbitraries.of(SLOTS);
    }

    @Provide
    Arbitrary<Slot> stringSlots() {
        return Arbitraries.of(SLOTS.stream().filter(s -> BASE.charAt(s.start()) == '"').toList());
    }

    @Provide
    Arbitrary<Slot> countSlots() {
        return Arbitraries.of(SLOTS.stream().filter(s -> s.field().endsWith("session-count")).toList());
    }

    @Provide
    Arbitrary<String> jsonValues() {
        return Arbitraries.lazyOf(
                () -> Arbitraries.of("null", "true", "false", "0", "-1", "1.5", "1e400", "\"\"", "\" \"", "[]", "{}",
                        "\"12\"", "\"x.x.x.x\"", "\"2026-03-14\"", "[null]", "[\"\"]", "[1,2]", "{\"a\":null}"),
                () -> Arbitraries.strings().ofMaxLength(30).map(ReportParserRobustnessTest::jsonString),
                () -> Arbitraries.longs().map(String::valueOf),
                () -> Arbitraries.doubles().map(String::valueOf).filter(s -> !s.contains("N") && !s.contains("I")),
                () -> jsonValues().list().ofMaxSize(3).map(values -> "[" + String.join(",", values) + "]"),
                () -> jsonValues().list().ofMaxSize(3).map(values -> {
                    List<String> members = new ArrayList<>();
                    for (int i = 0; i < values.size(); i++) {
                        members.add("\"k" + i + "\":" + values.get(i));
                    }
                    return "{" + String.join(",", members) + "}";
                }));
    }

    @Provide
    Arbitrary<byte[]> invalidUtf8() {
        return Arbitraries.of(
                new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xBF, 'a'},
                new byte[] {(byte) 0xC3},
                new byte[] {(byte) 0xC3, 'a'},
                new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xFE},
                new byte[] {(byte) 0xFF, (byte) 0xFF});
    }

    @Provide
    Arbitrary<String> hugeCounts() {
        Arbitrary<String> digits = Arbitraries.bigIntegers().between(BigInteger.valueOf(1_000_000_000_001L),
                BigInteger.TEN.pow(90)).map(BigInteger::toString);
        Arbitrary<String> exponents = Arbitraries.integers().between(13, 99_999).map(e -> "1e" + e);
        Arbitrary<String> numbers = Arbitraries.oneOf(digits, exponents);
        return Arbitraries.oneOf(numbers, numbers.map(n -> "\"" + n + "\""), numbers.map(n -> "\" " + n + ".0 \""));
    }

    // ---- helpers

    private static byte[] apply(byte[] bytes, int[] edit) {
        if (bytes.length == 0) {
            return new byte[] {(byte) edit[2]};
        }
        int at = edit[1] % bytes.length;
        return switch (edit[0]) {
            case 0 -> {
                byte[] copy = bytes.clone();
                copy[at] ^= (byte) (edit[2] == 0 ? 1 : edit[2]);
                yield copy;
            }
            case 1 -> {
                byte[] copy = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, copy, 0, at);
                copy[at] = (byte) edit[2];
                System.arraycopy(bytes, at, copy, at + 1, bytes.length - at);
                yield copy;
            }
            case 2 -> {
                byte[] copy = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, copy, 0, at);
                System.arraycopy(bytes, at + 1, copy, at, bytes.length - at - 1);
                yield copy;
            }
            default -> Arrays.copyOf(bytes, at);
        };
    }

    private static int lastBrace(byte[] json) {
        for (int i = json.length - 1; i >= 0; i--) {
            if (json[i] == '}') {
                return i;
            }
        }
        return json.length;
    }

    private static String jsonString(String raw) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : raw.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static List<Slot> slots(String json) {
        List<Slot> slots = new ArrayList<>();
        java.util.Deque<Slot> open = new java.util.ArrayDeque<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            String field = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    field = parser.currentName();
                    continue;
                }
                int start = (int) parser.currentTokenLocation().getCharOffset();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    open.push(new Slot(field, start, -1));
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    Slot opened = open.pop();
                    if (opened.field() != null) {
                        slots.add(new Slot(opened.field(), opened.start(), (int) parser.currentLocation().getCharOffset()));
                    }
                } else if (field != null) {
                    parser.finishToken(); // string contents are read lazily; the end is after the closing quote
                    slots.add(new Slot(field, start, (int) parser.currentLocation().getCharOffset()));
                }
                field = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return slots;
    }
}
