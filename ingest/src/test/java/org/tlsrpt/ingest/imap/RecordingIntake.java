package org.tlsrpt.ingest.imap;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReadReport;
import org.tlsrpt.core.ReadResult;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.ingest.Intake;
import org.tlsrpt.ingest.IntakeResult;
import org.tlsrpt.ingest.ReportIntake;

/**
 * A ReportIntake that reads with core's ReportReader, answers as the real one would, and records what it was
 * given. Can be made unavailable (as when Kafka is down) or failing (a bug).
 */
final class RecordingIntake implements ReportIntake {

    enum Mode { NORMAL, UNAVAILABLE, THROWING }

    private final ReportReader reader = new ReportReader(Limits.DEFAULTS);
    private final List<Intake> received = new CopyOnWriteArrayList<>();
    private final List<Intake> stored = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.NORMAL;

    void mode(Mode mode) {
        this.mode = mode;
    }

    /** Every call, whatever was answered. */
    List<Intake> received() {
        return List.copyOf(received);
    }

    /** The intakes answered with Stored. */
    List<Intake> stored() {
        return List.copyOf(stored);
    }

    @Override
    public IntakeResult receive(Intake intake) {
        received.add(intake);
        switch (mode) {
            case UNAVAILABLE:
                return new IntakeResult.Unavailable("Kafka did not acknowledge in time");
            case THROWING:
                throw new IllegalStateException("intake bug");
            default:
                break;
        }
        ReadResult read = reader.read(intake.raw(), intake.declaredType(), intake.fileName());
        if (!read.isRefused()) {
            stored.add(intake);
            return new IntakeResult.Stored(read.reports().stream().map(r -> r.key().value()).toList(),
                    read.reports().stream().map(ReadReport::findings).flatMap(List::stream).toList());
        }
        Refusal first = read.refusals().isEmpty()
                ? new Refusal(RefusalCode.NO_REPORT_IN_MESSAGE, "$", "nothing found")
                : read.refusals().get(0);
        if (first.code() == RefusalCode.NO_REPORT_IN_MESSAGE || first.code() == RefusalCode.UNSUPPORTED_FORMAT) {
            return new IntakeResult.NotAReport(first);
        }
        if (first.code().isSizeLimit()) {
            return new IntakeResult.TooLarge(first);
        }
        return new IntakeResult.Quarantined(List.of("quarantine-key"), read.refusals());
    }
}
