package org.tlsrpt.ingest;

import java.util.concurrent.CompletableFuture;

/**
 * The one door every channel uses: reads the intake, applies who-may-send rules, and makes it durable in Kafka
 * before answering. Thread-safe. Channels stay thin: they translate their protocol to an
 * {@link Intake} and the {@link IntakeResult} back to their protocol's answer.
 */
public interface ReportIntake {

    IntakeResult receive(Intake intake);

    /**
     * The same without waiting: reads the intake on the calling thread and completes once Kafka acknowledged or
     * refused every record (on Kafka's I/O thread; move elsewhere before doing more than a little work).
     */
    default CompletableFuture<IntakeResult> receiveAsync(Intake intake) {
        return CompletableFuture.completedFuture(receive(intake));
    }

    /**
     * Whether {@link #receiveAsync} may now wait before it returns (Kafka is not answering, so handing a record to
     * the producer waits for metadata or buffer space); a caller on an event loop then calls it from a worker.
     */
    default boolean mayBlock() {
        return true;
    }
}
