package org.tlsrpt.processor;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

/** Polls a condition until it holds; tests never sleep for a fixed time to wait for the consumer. */
public final class Await {

    private Await() {
    }

    public static <T> T until(Duration timeout, Callable<T> value, T expected) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = value.call();
                if (Objects.equals(last, expected)) {
                    return last;
                }
            } catch (Exception e) {
                // ClickHouse may be down on purpose; try again
            }
            Thread.sleep(200);
        }
        throw new AssertionError("waited " + timeout + " for " + expected + ", last value " + last);
    }
}
