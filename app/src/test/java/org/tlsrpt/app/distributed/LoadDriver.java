package org.tlsrpt.app.distributed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Posts every report to the ingest instances in turn (report {@code n} to instance {@code n % instances}) from a
 * few client threads, as senders do: a report counts as sent once it was answered {@code 201}; a {@code 503}, a
 * reset connection or a timeout is retried after a pause, as RFC 8460 senders retry, until {@code giveUpAfter}. A
 * retried report may reach Kafka twice; the processor counts it once.
 */
final class LoadDriver {

    private final List<String> ingestUrls;
    private final List<String> bodies;
    private final int clients;
    private final Duration giveUpAfter;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger next = new AtomicInteger();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder acknowledgedNanos = new LongAdder();
    private final AtomicLongArray acknowledgedByInstance;
    private final Map<String, LongAdder> retriesByCause = new ConcurrentHashMap<>();
    private final Map<Integer, String> refused = new ConcurrentHashMap<>();
    private ExecutorService pool;
    private long startedNanos;
    private volatile long finishedNanos;

    LoadDriver(List<String> ingestUrls, List<String> bodies, int clients, Duration giveUpAfter) {
        this.ingestUrls = List.copyOf(ingestUrls);
        this.bodies = bodies;
        this.clients = clients;
        this.giveUpAfter = giveUpAfter;
        this.acknowledgedByInstance = new AtomicLongArray(ingestUrls.size());
    }

    void start() {
        startedNanos = System.nanoTime();
        pool = Executors.newFixedThreadPool(clients);
        AtomicInteger running = new AtomicInteger(clients);
        for (int i = 0; i < clients; i++) {
            pool.execute(() -> {
                try {
                    for (int n = next.getAndIncrement(); n < bodies.size(); n = next.getAndIncrement()) {
                        send(n);
                    }
                } finally {
                    if (running.decrementAndGet() == 0) {
                        finishedNanos = System.nanoTime();
                    }
                }
            });
        }
        pool.shutdown();
    }

    private void send(int n) {
        int instance = n % ingestUrls.size();
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrls.get(instance) + "/v1/reports"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/tlsrpt+json")
                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(n), StandardCharsets.UTF_8)).build();
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        long pause = 100;
        while (true) {
            String cause;
            try {
                long sent = System.nanoTime();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    acknowledgedNanos.add(System.nanoTime() - sent);
                    acknowledged.increment();
                    acknowledgedByInstance.incrementAndGet(instance);
                    return;
                }
                if (response.statusCode() != 503 && response.statusCode() != 429) {
                    refused.put(n, response.statusCode() + " " + response.body());
                    return;
                }
                cause = Integer.toString(response.statusCode());
            } catch (IOException e) {
                cause = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                refused.put(n, "interrupted");
                return;
            }
            retriesByCause.computeIfAbsent(cause, c -> new LongAdder()).increment();
            if (System.nanoTime() > deadline) {
                refused.put(n, "gave up after " + giveUpAfter + ", last " + cause);
                return;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                refused.put(n, "interrupted");
                return;
            }
            pause = Math.min(2_000, pause * 2);
        }
    }

    long acknowledged() {
        return acknowledged.sum();
    }

    /** Mean time from sending a request to its 201, in milliseconds. */
    double meanMillisTo201() {
        long count = acknowledged.sum();
        return count == 0 ? 0 : acknowledgedNanos.sum() / 1e6 / count;
    }

    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /** Reports that were never answered 201: report number and what happened last. */
    Map<Integer, String> refused() {
        return Map.copyOf(refused);
    }

    Map<String, Long> retriesByCause() {
        Map<String, Long> retries = new java.util.TreeMap<>();
        retriesByCause.forEach((cause, count) -> retries.put(cause, count.sum()));
        return retries;
    }

    long acknowledgedBy(int instance) {
        return acknowledgedByInstance.get(instance);
    }

    long startedNanos() {
        return startedNanos;
    }

    double seconds() {
        return ((finishedNanos == 0 ? System.nanoTime() : finishedNanos) - startedNanos) / 1e9;
    }
}
