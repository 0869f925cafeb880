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
}
