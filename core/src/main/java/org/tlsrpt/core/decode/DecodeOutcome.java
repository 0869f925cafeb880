package org.tlsrpt.core.decode;

import java.util.List;
import org.tlsrpt.core.problem.Refusal;

/**
 * Everything one input gave to a {@link ReportHandler}: what it kept of each report, in the order found, and why
 * the rest could not be read.
 *
 * @param decompressedBytes bytes decompressed from the input, all parts together (within
 *                          {@link org.tlsrpt.core.Limits#maxInputDecompressedBytes()})
 */
public record DecodeOutcome<T>(List<T> handled, List<Refusal> refusals, long decompressedBytes) {

    public DecodeOutcome {
        handled = List.copyOf(handled);
        refusals = List.copyOf(refusals);
    }
}
