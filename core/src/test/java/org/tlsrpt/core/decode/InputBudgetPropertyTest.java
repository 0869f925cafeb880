package org.tlsrpt.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.tlsrpt.core.decode.Samples.REPORT;
import static org.tlsrpt.core.decode.Samples.gzip;
import static org.tlsrpt.core.decode.Samples.zip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReadResult;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * For random inputs of many parts (gzip attachments and zip archives in a mail, or the entries of one zip), each
 * part within the per-report limit, the decoder never holds more decompressed bytes than the input's budget: by
 * its own count, by the sizes of the reports it hands out, and by the buffers it allocated for them. The parts
 * that fit are all read, in order; the first that does not is refused once as {@code input-budget-exceeded} and
 * nothing after it is read.
 */
class InputBudgetPropertyTest {

    private static final int PER_REPORT = 48 * 1024;

    /** One part as the decoder will meet it, in order: where it is and how many bytes it decompresses to. */
    record Part(String location, int size) {
    }

    /** A mail attachment: one gzip report, or a zip of several. */
    record Attachment(boolean zip, List<Integer> sizes) {
    }

    @Property(tries = 200)
    void aMailOfManyPartsNeverDecompressesMoreThanTheBudget(@ForAll("attachments") List<Attachment> attachments,
            @ForAll @IntRange(min = 1024, max = 512 * 1024) int budget) {
        List<Part> parts = new ArrayList<>();
        StringBuilder mail = new StringBuilder("From: r@example.com\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"b\"\r\n\r\n");
        for (int i = 0; i < attachments.size(); i++) {
            Attachment attachment = attachments.get(i);
            String number = "mime:" + (i + 1);
            byte[] body;
            if (attachment.zip()) {
                Object[] entries = new Object[attachment.sizes().size() * 2];
                for (int e = 0; e < attachment.sizes().size(); e++) {
                    entries[2 * e] = "e" + e + ".json";
                    entries[2 * e + 1] = report(attachment.sizes().get(e));
                    parts.add(new Part(number + "/zip:e" + e + ".json", attachment.sizes().get(e)));
                }
                body = zip(entries);
            } else {
                body = gzip(report(attachment.sizes().get(0)));
                parts.add(new Part(number, attachment.sizes().get(0)));
            }
            mail.append("--b\r\nContent-Type: ").append(attachment.zip() ? "application/zip" : "application/tlsrpt+gzip")
                    .append("\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"p")
                    .append(i).append(attachment.zip() ? ".zip" : ".json.gz").append("\"\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(body)).append("\r\n");
        }
        mail.append("--b--\r\n");

        assertWithinBudget(mail.toString().getBytes(StandardCharsets.US_ASCII), parts, budget);
    }

    @Property(tries = 200)
    void aZipOfManyEntriesNeverDecompressesMoreThanTheBudget(
            @ForAll("entrySizes") List<Integer> sizes, @ForAll @IntRange(min = 1024, max = 512 * 1024) int budget) {
        Object[] entries = new Object[sizes.size() * 2];
        List<Part> parts = new ArrayList<>();
        for (int e = 0; e < sizes.size(); e++) {
            entries[2 * e] = "e" + e + ".json";
            entries[2 * e + 1] = report(sizes.get(e));
            parts.add(new Part("zip:e" + e + ".json", sizes.get(e)));
        }

        assertWithinBudget(zip(entries), parts, budget);
    }

    private static void assertWithinBudget(byte[] input, List<Part> parts, int budget) {
        Limits limits = ReportDecoderTest.limits(20L * 1024 * 1024, PER_REPORT, Integer.MAX_VALUE, 0, 100, 8, 32)
                .withMaxInputDecompressedBytes(budget);
        int fitting = 0;
        long sum = 0;
        while (fitting < parts.size() && sum + parts.get(fitting).size() <= budget) {
            sum += parts.get(fitting++).size();
        }
        Accounting accounting = new Accounting(budget);

        DecodeOutcome<Integer> outcome = new ReportDecoder(limits).decode(input, null, null, accounting);
        ReadResult read = new ReportReader(limits).read(input, null, null);

        assertThat(outcome.decompressedBytes()).as("the decoder's own count").isLessThanOrEqualTo(budget);
        assertThat(accounting.handedBytes).as("bytes of the reports handed out").isLessThanOrEqualTo(budget)
                .isLessThanOrEqualTo(outcome.decompressedBytes());
        assertThat(accounting.overCapacity).as("buffers larger than what the budget had left").isEmpty();
        assertThat(outcome.handled()).as("every part that fits is read, in order")
                .containsExactlyElementsOf(parts.subList(0, fitting).stream().map(Part::size).toList());
        assertThat(read.reports()).hasSize(fitting);
        if (fitting == parts.size()) {
            assertThat(outcome.refusals()).isEmpty();
            assertThat(read.refusals()).isEmpty();
        } else {
            assertThat(outcome.refusals()).as("the first part that does not fit, refused once")
                    .extracting(Refusal::code, Refusal::path)
                    .containsExactly(tuple(RefusalCode.INPUT_BUDGET_EXCEEDED, parts.get(fitting).location()));
            assertThat(read.refusals()).extracting(Refusal::code).containsExactly(RefusalCode.INPUT_BUDGET_EXCEEDED);
        }
    }

    /** Counts what is handed out and keeps nothing of it but its size, as a parsing reader does. */
    private static final class Accounting implements ReportHandler<Integer> {
        private final long budget;
        private long handedBytes;
        private final List<String> overCapacity = new ArrayList<>();

        Accounting(long budget) {
            this.budget = budget;
        }

        @Override
        public Integer handle(DecodedReport report) {
            // The buffer may have one spare byte (the probe for more input) beyond what the budget had left.
            if (report.json().length > budget - handedBytes + 1) {
                overCapacity.add(report.location() + ": " + report.json().length + " bytes allocated with "
                        + (budget - handedBytes) + " left");
            }
            handedBytes += report.length();
            return report.length();
        }

        @Override
        public Integer withFinding(Integer handled, Finding finding) {
            return handled;
        }
    }

    /** The sample report followed by spaces up to {@code size} bytes: still one valid JSON report. */
    private static byte[] report(int size) {
        byte[] padded = Arrays.copyOf(REPORT, size);
        Arrays.fill(padded, REPORT.length, size, (byte) ' ');
        return padded;
    }

    @Provide
    Arbitrary<List<Integer>> entrySizes() {
        return Arbitraries.integers().between(REPORT.length, PER_REPORT).list().ofMinSize(1).ofMaxSize(32);
    }

    @Provide
    Arbitrary<List<Attachment>> attachments() {
        Arbitrary<Integer> size = Arbitraries.integers().between(REPORT.length, PER_REPORT);
        Arbitrary<Attachment> gzipPart = size.map(s -> new Attachment(false, List.of(s)));
        Arbitrary<Attachment> zipPart = size.list().ofMinSize(1).ofMaxSize(6).map(s -> new Attachment(true, s));
        return Arbitraries.oneOf(gzipPart, zipPart).list().ofMinSize(1).ofMaxSize(12);
    }
}
