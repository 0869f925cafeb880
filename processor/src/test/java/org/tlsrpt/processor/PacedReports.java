package org.tlsrpt.processor;

/**
 * Publishes {@code total} generated reports to a topic on a thread of its own, {@code perStep} at a time with a pause
 * between steps: a steady stream, so that the kills of the crash tests find batches being written rather than a
 * backlog drained in a few seconds.
 */
final class PacedReports {

    private PacedReports() {
    }

    static Thread start(TestKafka kafka, String topic, int total, int perStep, long pauseMillis,
            TestReports.Tally tally) {
        Thread producer = new Thread(() -> {
            for (int n = 0; n < total; n++) {
                String json = TestReports.generate(n, tally);
                kafka.sendAsync(topic, TestReports.record(json, "http").key(), TestReports.value(json, "http"));
                if (n % perStep == perStep - 1) {
                    kafka.flush();
                    try {
                        Thread.sleep(pauseMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            kafka.flush();
        }, "paced-reports-" + topic);
        producer.start();
        return producer;
    }
}
