package org.tlsrpt.core.decode;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMultipart;

/**
 * A multipart that tolerates a missing closing boundary and an empty body. Jakarta Mail reads these switches
 * from System properties only; setting those would change every other mail user in the JVM, so this subclass
 * sets them for its own instances.
 */
final class TolerantMultipart extends MimeMultipart {

    TolerantMultipart(DataSource source) throws MessagingException {
        super(source);
    }

    @Override
    protected void initializeProperties() {
        super.initializeProperties();
        ignoreMissingEndBoundary = true;
        ignoreMissingBoundaryParameter = true;
        allowEmpty = true;
    }

    /** Whether the closing boundary was seen; true when that cannot be told. */
    boolean isCompleteQuietly() {
        try {
            return isComplete();
        } catch (MessagingException | RuntimeException e) {
            return true;
        }
    }
}
