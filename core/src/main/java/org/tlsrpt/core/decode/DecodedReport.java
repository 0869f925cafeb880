package org.tlsrpt.core.decode;

import java.util.ArrayList;
import java.util.List;
import org.tlsrpt.core.problem.Finding;

/**
 * The JSON bytes of one report, taken out of whatever container carried it, with what the container said.
 * {@code json[0..length)} is the report; the array is owned by this object and must not be changed.
 *
 * @param location where in the input it was found: {@code $} for the input itself, {@code mime:1.2}, {@code zip:name}
 * @param findings deviations seen while decoding (a wrong media type, a missing MIME boundary)
 */
public record DecodedReport(byte[] json, int length, Envelope envelope, String location, List<Finding> findings) {

    public DecodedReport {
        if (length < 0 || length > json.length) {
            throw new IllegalArgumentException("length " + length + " outside the buffer");
        }
        findings = List.copyOf(findings);
    }

    /** This report with one more finding. */
    public DecodedReport withFinding(Finding finding) {
        List<Finding> more = new ArrayList<>(findings);
        more.add(finding);
        return new DecodedReport(json, length, envelope, location, more);
    }
}
