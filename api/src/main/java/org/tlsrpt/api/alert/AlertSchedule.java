package org.tlsrpt.api.alert;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When rules are evaluated: every {@code interval}, and soon after data arrives ({@link #requestSoon()}), but at most
 * once per {@code debounce}, so a burst of stored batches causes one evaluation, not one per batch. One thread: two
 * evaluations never overlap.
 */
public final class AlertSchedule implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AlertSchedule.class.getName());

    /** One evaluation; failures are logged and the next run tries again. */
    @FunctionalInterface
    public interface Evaluation {
        void run() throws Exception;
    }

    private final String name;
    private final Evaluation evaluation;
    private final Duration debounce;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastStart = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    public AlertSchedule(Evaluation evaluation, Duration debounce) {
        this("alerts", evaluation, debounce);
    }

    /** A schedule of some other periodic work ({@code name}: its thread and log name), e.g. the scheduled checks. */
    public AlertSchedule(String name, Evaluation evaluation, Duration debounce) {
        this.name = name;
        this.evaluation = evaluation;
        this.debounce = debounce;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tlsrpt-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Evaluates every {@code interval}, the first time after one interval. */
    public void start(Duration interval) {
        executor.scheduleWithFixedDelay(this::run, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for an evaluation soon: at once if none ran within the debounce time, else when it has passed. */
    public void requestSoon() {
        if (!pending.compareAndSet(false, true)) {
            return; // one is already due
        }
        long waitNanos = Math.max(0, lastStart + debounce.toNanos() - System.nanoTime());
        executor.schedule(() -> {
            pending.set(false);
            run();
        }, waitNanos, TimeUnit.NANOSECONDS);
    }

    private void run() {
        lastStart = System.nanoTime();
        try {
            evaluation.run();
        } catch (Exception | Error e) {
            LOG.log(System.Logger.Level.WARNING, name + ": run failed, next run tries again", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
