package org.tlsrpt.core.decode;

import java.util.List;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * Takes the report JSON out of whatever carries it: raw JSON, gzip, zip, base64 text of a gzip, or an
 * RFC 5322 mail message (multipart/report, attachments, forwarded messages). Detects by magic bytes, not by
 * the declared media type or the file name, and enforces {@link Limits} while decompressing.
 * Never throws for any input: what cannot be read becomes a {@link Refusal}. Thread-safe.
 */
public final class ReportDecoder {

    private final Limits limits;
    private final ContainerReader containers;
    private final MailReports mail;

    public ReportDecoder(Limits limits) {
        this.limits = limits;
        this.containers = new ContainerReader(limits);
        this.mail = new MailReports(limits, containers);
    }

    /**
     * @param input        the bytes as received
     * @param declaredType the media type the transport declared, or null
     * @param fileName     the file or attachment name, or null
     */
    public DecodeResult decode(byte[] input, String declaredType, String fileName) {
        if (input == null || input.length == 0) {
            return refused(RefusalCode.UNSUPPORTED_FORMAT, "empty input: not JSON, gzip, zip or a mail message");
        }
        if (input.length > limits.maxMessageBytes()) {
            return refused(RefusalCode.MESSAGE_TOO_LARGE,
                    "the input has " + input.length + " bytes, more than " + limits.maxMessageBytes());
        }
        Results out = new Results();
        try {
            if (FormatSniffer.sniff(input, input.length) == FormatSniffer.Format.MAIL) {
                mail.read(input, input.length, out);
            } else {
                containers.read(input, input.length, "$", Envelope.ofFileName(fileName), declaredType, out);
            }
            return out.toResult();
        } catch (Refused refused) {
            out.add(refused.at("$"));
            return out.toResult();
        } catch (RuntimeException | StackOverflowError e) {
            // A bug or a library surprise must not become the sender's exception; keep what was found.
            out.add(new Refusal(RefusalCode.MALFORMED_MESSAGE, "$",
                    "the input could not be read (" + e.getClass().getSimpleName() + ")"));
            return out.toResult();
        }
    }

    private static DecodeResult refused(RefusalCode code, String message) {
        return new DecodeResult(List.of(), List.of(new Refusal(code, "$", message)));
    }
}
