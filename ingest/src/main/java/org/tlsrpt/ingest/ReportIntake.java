package org.tlsrpt.ingest;

/**
 * The one door every channel uses: reads the intake, applies who-may-send rules, and makes it durable in Kafka
 * before answering. Blocking; thread-safe. Channels stay thin: they translate their protocol to an
 * {@link Intake} and the {@link IntakeResult} back to their protocol's answer.
 */
public interface ReportIntake {

    IntakeResult receive(Intake intake);
}
