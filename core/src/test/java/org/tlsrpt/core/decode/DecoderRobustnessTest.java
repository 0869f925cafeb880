package org.tlsrpt.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tlsrpt.core.decode.Samples.REPORT;
import static org.tlsrpt.core.decode.Samples.ascii;
import static org.tlsrpt.core.decode.Samples.gzip;
import static org.tlsrpt.core.decode.Samples.mail;
import static org.tlsrpt.core.decode.Samples.zip;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.problem.Refusal;

/**
 * Damaged input of every shape only ever gives a {@link DecodeResult}: no exception escapes, and none is caught by
 * the decoder's last-resort handler either (that would be a bug hidden as a refusal). Inputs stay a few KB so that
 * every try is fast.
 */
class DecoderRobustnessTest {

    private static final List<byte[]> SEEDS = List.of(
            REPORT,
            gzip(REPORT),
            zip("a.json", REPORT, "dir/", new byte[0], "b.json", REPORT),
            ascii(Base64.getMimeEncoder().encodeToString(gzip(REPORT))),
            mail("google-multipart-report.eml"),
            mail("mailru-no-closing-boundary.eml"),
            mail("forwarded-rfc822.eml"),
            mail("uncompressed-json-attachment.eml"),
            mail("two-reports.eml"));

    /** Small limits so that the bounds are crossed by mutations too. */
    private final ReportDecoder decoder = new ReportDecoder(
            ReportDecoderTest.limits(64 * 1024, 16 * 1024, 50, 2048, 12, 4, 4));

    enum Kind { FLIP, SET, INSERT, DELETE }

    record Mutation(Kind kind, int position, byte value) {
    }

    @Property(tries = 400)
    void mutatedInputsOnlyEverGiveResults(@ForAll("seeds") byte[] seed,
            @ForAll @Size(min = 1, max = 8) List<@net.jqwik.api.From("mutations") Mutation> mutations) {
        assertIsAResult(decoder.decode(mutate(seed, mutations), null, null));
    }

    @Property(tries = 300)
    void truncatedInputsOnlyEverGiveResults(@ForAll("seeds") byte[] seed, @ForAll double fraction) {
        int cut = (int) Math.floor(Math.abs(fraction) % 1.0 * seed.length);

        assertIsAResult(decoder.decode(Arrays.copyOf(seed, cut), "application/tlsrpt+gzip", "x.json.gz"));
    }

    @Property(tries = 200)
    void randomBytesAfterAMagicNumberOnlyEverGiveResults(@ForAll("magic") byte[] magic,
            @ForAll @Size(max = 2048) byte[] rest) {
        byte[] input = Arrays.copyOf(magic, magic.length + rest.length);
        System.arraycopy(rest, 0, input, magic.length, rest.length);

        assertIsAResult(decoder.decode(input, null, null));
    }

    @Property(tries = 20)
    void undamagedSeedsGiveReports(@ForAll("seeds") byte[] seed) {
        DecodeResult result = new ReportDecoder(Limits.DEFAULTS).decode(seed, null, null);

        assertThat(result.refusals()).isEmpty();
        assertThat(result.reports()).isNotEmpty();
    }

    private static void assertIsAResult(DecodeResult result) {
        assertThat(result).isNotNull();
        assertThat(result.reports().size() + result.refusals().size()).isPositive();
        assertThat(result.refusals()).extracting(Refusal::message).noneMatch(m -> m.contains("could not be read ("));
        for (DecodedReport report : result.reports()) {
            assertThat(report.length()).isBetween(0, report.json().length);
        }
    }

    @Provide
    Arbitrary<byte[]> seeds() {
        return Arbitraries.of(SEEDS).map(byte[]::clone);
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.of(Kind.values()), Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.bytes()).as(Mutation::new);
    }

    @Provide
    Arbitrary<byte[]> magic() {
        return Arbitraries.of(new byte[] {0x1f, (byte) 0x8b, 8, 0}, new byte[] {'P', 'K', 3, 4},
                ascii("Content-Type: multipart/mixed; boundary=b\n\n--b\n"), ascii("{"), ascii("H4sI"));
    }

    private static byte[] mutate(byte[] seed, List<Mutation> mutations) {
        byte[] data = seed;
        for (Mutation m : mutations) {
            int at = data.length == 0 ? 0 : m.position() % data.length;
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 1);
            switch (m.kind()) {
                case FLIP:
                    if (data.length > 0) {
                        data[at] ^= (byte) (1 << (m.value() & 7));
                    }
                    continue;
                case SET:
                    if (data.length > 0) {
                        data[at] = m.value();
                    }
                    continue;
                case INSERT:
                    out.write(data, 0, at);
                    out.write(m.value());
                    out.write(data, at, data.length - at);
                    break;
                default:
                    if (data.length == 0) {
                        continue;
                    }
                    out.write(data, 0, at);
                    out.write(data, at + 1, data.length - at - 1);
                    break;
            }
            data = out.toByteArray();
        }
        return data;
    }
}
