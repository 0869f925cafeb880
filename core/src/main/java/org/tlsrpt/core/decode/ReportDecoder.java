package org.tlsrpt.core.decode;

import org.tlsrpt.core.Limits;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * Takes the report JSON out of whatever carries it: raw JSON, gzip, zip, base64 text of a gzip, or an
 * RFC 5322 mail message (multipart/report, attachments, forwarded messages). Detects by magic bytes, not by
 * the declared media type or the file name, and enforces {@link Limits} while decompressing: each part alone, and
 * all parts of one input together ({@link Limits#maxInputDecompressedBytes()}).
 * Never throws for any input: what cannot be read becomes a {@link Refusal}. Thread-safe.
 */
public final class ReportDecoder {

    /** Keeps every decoded report whole, buffer included. */
    private static final ReportHandler<DecodedReport> KEEP = new ReportHandler<>() {
        @Override
        public DecodedReport handle(DecodedReport report) {
            return report;
        }

        @Override
        public DecodedReport withFinding(DecodedReport handled, Finding finding) {
            return handled.withFinding(finding);
        }
    };

    private final Limits limits;
    private final ContainerReader containers;
    private final MailReports mail;

    public ReportDecoder(Limits limits) {
        this.limits = limits;
        this.containers = new ContainerReader(limits);
        this.mail = new MailReports(limits, containers);
    }

    /**
     * Every report of the input with its decompressed bytes, all held at once (within the input's budget). Readers
     * that parse should prefer {@link #decode(byte[], String, String, ReportHandler)}, which holds one at a time.
     *
     * @param input        the bytes as received
     * @param declaredType the media type the transport declared, or null
     * @param fileName     the file or attachment name, or null
     */
    public DecodeResult decode(byte[] input, String declaredType, String fileName) {
        DecodeOutcome<DecodedReport> outcome = decode(input, declaredType, fileName, KEEP);
        return new DecodeResult(outcome.handled(), outcome.refusals());
    }

    /**
     * Hands each report to {@code handler} as soon as it is decoded, before the next part is decompressed, and
     * keeps only what the handler returns: the decompressed bytes alive at once are then one part's, not the sum.
     */
    public <T> DecodeOutcome<T> decode(byte[] input, String declaredType, String fileName, ReportHandler<T> handler) {
        Results<T> out = new Results<>(handler, new InputBudget(limits.maxInputDecompressedBytes()));
        if (input == null || input.length == 0) {
            out.add(new Refusal(RefusalCode.UNSUPPORTED_FORMAT, "$",
                    "empty input: not JSON, gzip, zip or a mail message"));
            return out.toOutcome();
        }
        if (input.length > limits.maxMessageBytes()) {
            out.add(new Refusal(RefusalCode.MESSAGE_TOO_LARGE, "$",
                    "the input has " + input.length + " bytes, more than " + limits.maxMessageBytes()));
            return out.toOutcome();
        }
        try {
            if (FormatSniffer.sniff(input, input.length) == FormatSniffer.Format.MAIL) {
                mail.read(input, input.length, out);
            } else {
                containers.read(input, input.length, "$", Envelope.ofFileName(fileName), declaredType, out);
            }
            return out.toOutcome();
        } catch (Refused refused) {
            out.add(refused.at("$"));
            return out.toOutcome();
        } catch (RuntimeException | StackOverflowError e) {
            // A bug or a library surprise must not become the sender's exception; keep what was found.
            out.add(new Refusal(RefusalCode.MALFORMED_MESSAGE, "$",
                    "the input could not be read (" + e.getClass().getSimpleName() + ")"));
            return out.toOutcome();
        }
    }
}
