package org.tlsrpt.core.decode;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.FindingCode;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * Takes the reports out of an RFC 5322 message: walks its MIME tree (multiparts, forwarded messages) within the
 * part and depth limits, reads the parts that are or may be reports through {@link ContainerReader}, and skips
 * the human-readable ones. Parts are numbered as IMAP does: {@code mime:1}, {@code mime:2.1}.
 */
final class MailReports {

    private static final Pattern FILE_NAME = Pattern.compile("[^\\s/\\\\]+\\.(json|json\\.gz|gz|gzip|zip)",
            Pattern.CASE_INSENSITIVE);
    /** Real headers are a few hundred lines; Jakarta Mail keeps one object per line. */
    private static final int MAX_HEADER_LINES = 5_000;
    private static final int MAX_TYPES_LISTED = 10;

    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // Jakarta Mail 2.1 looks up its StreamProvider with a ServiceLoader in every MimeBodyPart constructor
        // unless this property names it; that scan of the class path made one small mail cost milliseconds.
        // Naming the provider Angus ships is the API's own way to choose one; a deployment's own choice is kept.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final Limits limits;
    private final Session session;
    private final ContainerReader containers;

    MailReports(Limits limits, ContainerReader containers) {
        this.limits = limits;
        this.containers = containers;
        Properties properties = new Properties();
        // Angus Mail reads these three from System properties; TolerantMultipart applies the first two per
        // instance and Base64Text decodes leniently. Set here for any implementation that honours the session.
        properties.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        properties.setProperty("mail.mime.multipart.allowempty", "true");
        properties.setProperty("mail.mime.base64.ignoreerrors", "true");
        properties.setProperty("mail.mime.address.strict", "false");
        this.session = Session.getInstance(properties);
    }

    void read(byte[] input, int len, Results<?> out) {
        int start = afterMboxFromLine(input, len);
        if (headerLines(input, start, len) > MAX_HEADER_LINES) {
            out.add(new Refusal(RefusalCode.MALFORMED_MESSAGE, "$",
                    "the message header has more than " + MAX_HEADER_LINES + " lines"));
            return;
        }
        if (delimiterLines(input, start, len) > limits.maxMimeParts() * 4L + 64) {
            out.add(new Refusal(RefusalCode.TOO_MANY_PARTS, "$",
                    "the message has more than " + limits.maxMimeParts() + " MIME parts"));
            return;
        }
        MimeMessage message;
        try {
            message = new MimeMessage(session, new SharedByteArrayInputStream(input, start, len - start));
        } catch (MessagingException | RuntimeException e) {
            out.add(new Refusal(RefusalCode.MALFORMED_MESSAGE, "$", "the mail message cannot be read"));
            return;
        }
        int firstReport = out.reportCount();
        int firstRefusal = out.refusalCount();
        Walk walk = new Walk(out);
        walk.message(message, "", 0, MailEnvelope.of(message));
        if (out.reportCount() == firstReport && out.refusalCount() == firstRefusal) {
            out.add(new Refusal(RefusalCode.NO_REPORT_IN_MESSAGE, "$",
                    "the message holds no TLS report: parts seen: "
                            + (walk.typesSeen.isEmpty() ? "none" : String.join(", ", walk.typesSeen))));
        }
        for (Finding ignored : walk.ignored) {
            out.addFindingFrom(firstReport, ignored);
        }
    }

    /** One walk over one message tree. */
    private final class Walk {
        private final Results<?> out;
        private final Set<String> typesSeen = new LinkedHashSet<>();
        private final List<Finding> ignored = new ArrayList<>();
        private int parts;
        private boolean stopped;

        Walk(Results<?> out) {
            this.out = out;
        }

        void message(MimeMessage message, String prefix, int depth, Envelope envelope) {
            String type = baseType(message);
            if (type.startsWith("multipart/")) {
                multipart(message, prefix, depth + 1, envelope);
            } else {
                entity(message, join(prefix, 1), type, depth, envelope);
            }
        }

        private void multipart(MimePart part, String prefix, int depth, Envelope envelope) {
            String location = prefix.isEmpty() ? "mime" : "mime:" + prefix;
            if (depth > limits.maxMimeDepth()) {
                out.add(new Refusal(RefusalCode.NESTING_TOO_DEEP, location,
                        "MIME parts nested more than " + limits.maxMimeDepth() + " levels deep"));
                return;
            }
            int firstReport = out.reportCount();
            TolerantMultipart multipart;
            int count;
            try {
                multipart = new TolerantMultipart(new MimePartDataSource(part));
                count = multipart.getCount();
            } catch (MessagingException | RuntimeException e) {
                out.add(new Refusal(RefusalCode.MALFORMED_MESSAGE, location, "the multipart cannot be read"));
                return;
            }
            // Once the input's budget is spent, the parts after are not looked at: their refusal says so once.
            for (int i = 0; i < count && !stopped && !out.budget().exhausted(); i++) {
                String number = join(prefix, i + 1);
                if (++parts > limits.maxMimeParts()) {
                    out.add(new Refusal(RefusalCode.TOO_MANY_PARTS, "mime:" + number,
                            "the message has more than " + limits.maxMimeParts() + " MIME parts"));
                    stopped = true;
                    return;
                }
                try {
                    MimeBodyPart child = (MimeBodyPart) multipart.getBodyPart(i);
                    entity(child, number, baseType(child), depth, envelope);
                } catch (MessagingException | RuntimeException e) {
                    out.add(new Refusal(RefusalCode.MALFORMED_MESSAGE, "mime:" + number, "the part cannot be read"));
                }
            }
            if (!multipart.isCompleteQuietly()) {
                out.addFindingFrom(firstReport, new Finding(FindingCode.MISSING_CLOSING_BOUNDARY, location,
                        "the multipart ends without its closing boundary"));
            }
        }

        private void entity(MimePart part, String number, String type, int depth, Envelope envelope) {
            if (type.startsWith("multipart/")) {
                typesSeen.add(type);
                multipart(part, number, depth + 1, envelope);
            } else if (type.equals("message/rfc822") || type.equals("message/global")) {
                typesSeen.add(type);
                forwarded(part, number, depth + 1);
            } else {
                leaf(part, number, type, envelope);
            }
        }

        /** A forwarded message: its own headers make its own envelope. */
        private void forwarded(MimePart part, String number, int depth) {
            String location = "mime:" + number;
            if (depth > limits.maxMimeDepth()) {
                out.add(new Refusal(RefusalCode.NESTING_TOO_DEEP, location,
                        "MIME parts nested more than " + limits.maxMimeDepth() + " levels deep"));
                return;
            }
            MimeMessage inner;
            try {
                inner = new MimeMessage(session, forwardedContent(part));
            } catch (Refused refused) {
                out.add(refused.at(location));
                return;
            } catch (MessagingException | IOException | RuntimeException e) {
                out.add(new Refusal(RefusalCode.MALFORMED_MESSAGE, location, "the forwarded message cannot be read"));
                return;
            }
            message(inner, number, depth, MailEnvelope.of(inner));
        }

        private void leaf(MimePart part, String number, String type, Envelope envelope) {
            typesSeen.add(type);
            String fileName = fileName(part);
            boolean surelyReport = MediaTypes.isReportType(type) || MediaTypes.hasReportFileName(fileName);
            if (!surelyReport && !MediaTypes.isPossibleReportType(type)) {
                return; // text/plain, text/html, delivery status and the like are for humans
            }
            String location = "mime:" + number;
            try {
                byte[] content = content(part);
                Envelope partEnvelope = fileName == null ? envelope : envelope.withFileName(fileName);
                containers.read(content, content.length, location, partEnvelope, type, out);
            } catch (Refused refused) {
                if (!surelyReport && refused.code() == RefusalCode.UNSUPPORTED_FORMAT) {
                    ignored.add(new Finding(FindingCode.IGNORED_PART, location,
                            "a " + type + " part that holds no report"));
                } else {
                    out.add(refused.at(location));
                }
            } catch (MessagingException | IOException | RuntimeException e) {
                out.add(new Refusal(RefusalCode.MALFORMED_MESSAGE, location, "the part's content cannot be read"));
            }
        }
    }

    /** The body with its transfer encoding undone; base64 is decoded leniently as mail readers do. */
    private byte[] content(MimePart part) throws MessagingException, IOException, Refused {
        String encoding = part.getEncoding();
        encoding = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
        try (InputStream raw = rawContent(part)) {
            if (encoding.equals("base64")) {
                byte[] text = readBounded(raw);
                return Base64Text.decodeLenient(text, text.length);
            }
            InputStream decoded;
            try {
                decoded = encoding.isEmpty() ? raw : MimeUtility.decode(raw, encoding);
            } catch (MessagingException unknownEncoding) {
                decoded = raw; // read an unknown transfer encoding as it is; the sniffer decides
            }
            return readBounded(decoded);
        }
    }

    /**
     * A forwarded message as it is, without a copy; RFC 2046 forbids encoding it, but some forwarders send it
     * base64 or quoted-printable anyway, and then it is decoded first.
     */
    private InputStream forwardedContent(MimePart part) throws MessagingException, IOException, Refused {
        String encoding = part.getEncoding();
        encoding = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
        if (encoding.equals("base64") || encoding.equals("quoted-printable")) {
            return new SharedByteArrayInputStream(content(part));
        }
        return rawContent(part);
    }

    private static InputStream rawContent(MimePart part) throws MessagingException, IOException {
        if (part instanceof MimeBodyPart) {
            return ((MimeBodyPart) part).getRawInputStream();
        }
        if (part instanceof MimeMessage) {
            return ((MimeMessage) part).getRawInputStream();
        }
        return part.getInputStream();
    }

    private byte[] readBounded(InputStream in) throws IOException, Refused {
        long max = limits.maxMessageBytes();
        byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 16));
        if (bytes.length > max) {
            throw new Refused(RefusalCode.MESSAGE_TOO_LARGE, "a part is larger than " + max + " bytes");
        }
        return bytes;
    }

    /** Content-Disposition filename, Content-Type name, or a Content-Description that holds a file name. */
    private static String fileName(MimePart part) {
        String name = null;
        try {
            name = MailEnvelope.decode(part.getFileName());
        } catch (MessagingException | RuntimeException e) {
            // a broken parameter list; try the description
        }
        if (name != null && !name.isBlank()) {
            return name.trim();
        }
        String description = MailEnvelope.header(part, "Content-Description");
        return description != null && FILE_NAME.matcher(description).matches() ? description : null;
    }

    private static String baseType(MimePart part) {
        String type = null;
        try {
            type = MediaTypes.baseType(part.getContentType());
        } catch (MessagingException | RuntimeException e) {
            // unreadable Content-Type: RFC 2045 says treat it as text/plain
        }
        return type == null || type.indexOf('/') < 0 ? "text/plain" : type;
    }

    private static String join(String prefix, int number) {
        return prefix.isEmpty() ? Integer.toString(number) : prefix + "." + number;
    }

    private static int afterMboxFromLine(byte[] b, int len) {
        if (len < 5 || b[0] != 'F' || b[1] != 'r' || b[2] != 'o' || b[3] != 'm' || b[4] != ' ') {
            return 0;
        }
        for (int i = 5; i < len; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return len;
    }

    private static int headerLines(byte[] b, int start, int len) {
        int lines = 0;
        boolean lineEmpty = true;
        for (int i = start; i < len && lines <= MAX_HEADER_LINES; i++) {
            if (b[i] == '\n') {
                if (lineEmpty) {
                    break;
                }
                lines++;
                lineEmpty = true;
            } else if (b[i] != '\r') {
                lineEmpty = false;
            }
        }
        return lines;
    }

    /** Lines starting with {@code --}: an upper bound on the boundary lines, counted before Jakarta parses them. */
    private static int delimiterLines(byte[] b, int start, int len) {
        int count = 0;
        for (int i = start; i + 1 < len; i++) {
            if (b[i] == '-' && b[i + 1] == '-' && (i == start || b[i - 1] == '\n')) {
                count++;
            }
        }
        return count;
    }
}
