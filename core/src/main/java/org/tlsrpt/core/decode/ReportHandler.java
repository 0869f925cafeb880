package org.tlsrpt.core.decode;

import org.tlsrpt.core.problem.Finding;

/**
 * What a caller does with each report the moment it is decoded, before the next part is decompressed: parse it
 * and keep only what parsing gave, so that the decompressed bytes of one part can be released before the next one
 * is read. A multipart's findings are sometimes known only after its parts were handled; they come through
 * {@link #withFinding}.
 *
 * @param <T> what is kept of a handled report
 */
public interface ReportHandler<T> {

    /** Handles one decoded report; {@code report}'s buffer is not used by the decoder afterwards. */
    T handle(DecodedReport report);

    /** {@code handled} with one more finding about the container it came from. */
    T withFinding(T handled, Finding finding);
}
