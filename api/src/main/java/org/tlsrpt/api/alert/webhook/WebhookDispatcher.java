package org.tlsrpt.api.alert.webhook;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.tlsrpt.api.alert.AlertEvent;

/**
 * Runs deliveries off the evaluator's thread, so that one slow or failing receiver (retrying with backoff) does not
 * hold up the evaluation of other rules.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());

    private final WebhookSender sender;
    private final Executor executor;

    public WebhookDispatcher(WebhookSender sender, Executor executor) {
        this.sender = sender;
        this.executor = executor;
    }

    /** Deliveries on a few daemon threads. */
    public static WebhookDispatcher threads(WebhookSender sender, int threads) {
        return new WebhookDispatcher(sender, Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "tlsrpt-webhook");
            thread.setDaemon(true);
            return thread;
        }));
    }

    public void dispatch(Webhook webhook, AlertEvent event) {
        executor.execute(() -> {
            try {
                sender.deliver(webhook, event);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "delivery of event " + event.id() + " to " + webhook + " failed",
                        e);
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        if (executor instanceof ExecutorService service) {
            service.shutdown();
            service.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
