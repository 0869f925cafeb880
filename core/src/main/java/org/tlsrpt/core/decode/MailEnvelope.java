package org.tlsrpt.core.decode;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;

/** The {@link Envelope} a message's headers give (RFC 8460 §5.3): RFC 2047 decoded, unfolded, trimmed. */
final class MailEnvelope {

    private static final int MAX_VALUE = 1000;

    private MailEnvelope() {
    }

    static Envelope of(MimeMessage message) {
        SubjectLine subject = SubjectLine.parse(header(message, "Subject"));
        return new Envelope(
                header(message, "TLS-Report-Domain"),
                header(message, "TLS-Report-Submitter"),
                subject.reportDomain(),
                subject.submitter(),
                subject.reportId(),
                null,
                null,
                stripAngles(header(message, "Message-ID")),
                from(header(message, "From")),
                MailDates.parse(header(message, "Date")),
                header(message, "DKIM-Signature") != null);
    }

    /** The first value of a header, decoded and unfolded; null when absent or empty. */
    static String header(jakarta.mail.Part part, String name) {
        try {
            String[] values = part.getHeader(name);
            if (values == null || values.length == 0 || values[0] == null) {
                return null;
            }
            String value = decode(MimeUtility.unfold(values[0])).replaceAll("\\s+", " ").trim();
            if (value.length() > MAX_VALUE) {
                value = value.substring(0, MAX_VALUE);
            }
            return value.isEmpty() ? null : value;
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    static String decode(String text) {
        if (text == null || !text.contains("=?")) {
            return text;
        }
        try {
            return MimeUtility.decodeText(text);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return text;
        }
    }

    static String stripAngles(String id) {
        if (id == null) {
            return null;
        }
        String value = id.trim();
        int open = value.indexOf('<');
        int close = value.lastIndexOf('>');
        if (open >= 0 && close > open) {
            value = value.substring(open + 1, close).trim();
        }
        return value.isEmpty() ? null : value;
    }

    /** The first address of a {@code From} header, read leniently: senders' headers are not always RFC 5322. */
    private static String from(String header) {
        if (header == null) {
            return null;
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(header, false);
            if (addresses.length > 0 && addresses[0].getAddress() != null && !addresses[0].getAddress().isBlank()) {
                return addresses[0].getAddress().trim();
            }
        } catch (AddressException | RuntimeException e) {
            // fall back to the text between angle brackets, or the whole value
        }
        return header.contains("<") ? stripAngles(header) : header;
    }
}
