package org.tlsrpt.ingest.files;

import java.util.Map;

/**
 * One input found by {@link ImportInputs}: a file, one message of an mbox, or one Maildir message.
 *
 * @param name         for people: the path, and for an mbox {@code path#n} (n from 1)
 * @param raw          the bytes, or null when the input is over the size limit (then only {@code size} is known)
 * @param size         bytes in the input
 * @param declaredType {@code message/rfc822} for mail, else null (the reader sniffs)
 * @param fileName     the file name, whose {@code sender!domain!begin!end} form names the report; null for mail
 * @param coordinates  where it came from, kept with quarantined items
 */
public record ImportItem(String name, byte[] raw, long size, String declaredType, String fileName,
        Map<String, String> coordinates) {

    public static final String MAIL = "message/rfc822";

    public boolean tooLarge() {
        return raw == null;
    }
}
