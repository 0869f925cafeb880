package org.tlsrpt.ingest.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.tlsrpt.ingest.Intake;
import org.tlsrpt.ingest.IntakeResult;
import org.tlsrpt.ingest.ReportIntake;

/** A {@link ReportIntake} for channel tests: remembers every intake and answers what the test told it to. */
public final class RecordingIntake implements ReportIntake {

    private final List<Intake> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Function<Intake, IntakeResult>> answer =
            new AtomicReference<>(intake -> new IntakeResult.Stored(List.of("key-1"), List.of()));

    @Override
    public IntakeResult receive(Intake intake) {
        received.add(intake);
        return answer.get().apply(intake);
    }

    public RecordingIntake answering(IntakeResult result) {
        answer.set(intake -> result);
        return this;
    }

    public RecordingIntake answering(Function<Intake, IntakeResult> function) {
        answer.set(function);
        return this;
    }

    public List<Intake> received() {
        return List.copyOf(received);
    }

    public Intake only() {
        if (received.size() != 1) {
            throw new AssertionError("expected exactly one intake, got " + received.size());
        }
        return received.get(0);
    }
}
