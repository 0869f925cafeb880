package org.tlsrpt.core;

import java.util.ArrayList;
import java.util.List;
import org.tlsrpt.core.decode.DecodeResult;
import org.tlsrpt.core.decode.DecodedReport;
import org.tlsrpt.core.decode.ReportDecoder;
import org.tlsrpt.core.parse.ParseOutcome;
import org.tlsrpt.core.parse.ReportParser;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.Refusal;

/**
 * Bytes in, reports out: decodes whatever carried the reports, then parses each one. The single entry point
 * the ingest channels, the CLI and re-processing use, so that all of them read reports the same way.
 * Thread-safe.
 */
public final class ReportReader {

    private final ReportDecoder decoder;
    private final ReportParser parser;

    public ReportReader(Limits limits) {
        this.decoder = new ReportDecoder(limits);
        this.parser = new ReportParser(limits);
    }

    /**
     * @param declaredType the media type the transport declared, or null
     * @param fileName     the file or attachment name, or null
     */
    public ReadResult read(byte[] input, String declaredType, String fileName) {
        DecodeResult decoded = decoder.decode(input, declaredType, fileName);
        List<ReadReport> reports = new ArrayList<>(decoded.reports().size());
        List<Refusal> refusals = decoded.refusals();
        for (DecodedReport part : decoded.reports()) {
            ParseOutcome outcome = parser.parse(part.json(), 0, part.length(), part.envelope());
            if (outcome instanceof ParseOutcome.Parsed parsed) {
                reports.add(new ReadReport(parsed.report(), part.envelope(), part.location(),
                        concat(part.findings(), parsed.findings())));
            } else if (outcome instanceof ParseOutcome.Refused refused) {
                if (refusals == decoded.refusals()) {
                    refusals = new ArrayList<>(refusals);
                }
                refusals.add(located(refused.refusal(), part.location()));
            }
        }
        return new ReadResult(reports, refusals);
    }

    private static List<Finding> concat(List<Finding> first, List<Finding> second) {
        if (first.isEmpty()) {
            return second;
        }
        if (second.isEmpty()) {
            return first;
        }
        List<Finding> all = new ArrayList<>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return all;
    }

    /** A parse refusal's path is inside the JSON; prefix the part it came from when the input had several. */
    private static Refusal located(Refusal refusal, String location) {
        if ("$".equals(location)) {
            return refusal;
        }
        return new Refusal(refusal.code(), location + " " + refusal.path(), refusal.message());
    }
}
