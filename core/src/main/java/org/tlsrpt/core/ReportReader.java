package org.tlsrpt.core;

import java.util.ArrayList;
import java.util.List;
import org.tlsrpt.core.decode.DecodeOutcome;
import org.tlsrpt.core.decode.DecodedReport;
import org.tlsrpt.core.decode.ReportDecoder;
import org.tlsrpt.core.decode.ReportHandler;
import org.tlsrpt.core.parse.ParseOutcome;
import org.tlsrpt.core.parse.ReportParser;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.Refusal;

/**
 * Bytes in, reports out: decodes whatever carried the reports and parses each one as soon as it is decoded, so
 * that one part's decompressed bytes are released before the next part is inflated (only the parsed reports are
 * kept). The single entry point the ingest channels, the CLI and re-processing use, so that all of them read
 * reports the same way. Thread-safe.
 */
public final class ReportReader {

    private final ReportDecoder decoder;
    private final ReportParser parser;
    private final Parsing parsing = new Parsing();

    public ReportReader(Limits limits) {
        this.decoder = new ReportDecoder(limits);
        this.parser = new ReportParser(limits);
    }

    /**
     * @param declaredType the media type the transport declared, or null
     * @param fileName     the file or attachment name, or null
     */
    public ReadResult read(byte[] input, String declaredType, String fileName) {
        DecodeOutcome<Parsed> decoded = decoder.decode(input, declaredType, fileName, parsing);
        List<ReadReport> reports = new ArrayList<>(decoded.handled().size());
        List<Refusal> refusals = new ArrayList<>(decoded.refusals());
        for (Parsed part : decoded.handled()) {
            if (part.report() != null) {
                reports.add(part.report());
            } else {
                refusals.add(part.refusal());
            }
        }
        return new ReadResult(reports, refusals);
    }

    /** One decoded part once parsed: a report, or why it is not one. */
    private record Parsed(ReadReport report, Refusal refusal) {
    }

    /** Parses each part as the decoder finds it; its JSON buffer is dropped when this returns. */
    private final class Parsing implements ReportHandler<Parsed> {
        @Override
        public Parsed handle(DecodedReport part) {
            ParseOutcome outcome = parser.parse(part.json(), 0, part.length(), part.envelope());
            if (outcome instanceof ParseOutcome.Parsed parsed) {
                return new Parsed(new ReadReport(parsed.report(), part.envelope(), part.location(),
                        concat(part.findings(), parsed.findings())), null);
            }
            return new Parsed(null, located(((ParseOutcome.Refused) outcome).refusal(), part.location()));
        }

        @Override
        public Parsed withFinding(Parsed handled, Finding finding) {
            if (handled.report() == null) {
                return handled;
            }
            ReadReport r = handled.report();
            return new Parsed(new ReadReport(r.report(), r.envelope(), r.location(), concat(r.findings(),
                    List.of(finding))), null);
        }
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
