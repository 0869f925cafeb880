package org.tlsrpt.ingest.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.ingest.Channel;
import org.tlsrpt.ingest.Intake;
import org.tlsrpt.ingest.IntakeMetrics;
import org.tlsrpt.ingest.IntakeRefusal;
import org.tlsrpt.ingest.ReportIntake;

/**
 * RFC 8460 §5.4 HTTPS submission: {@code POST /v1/reports} (and {@code POST /}) with the report as body.
 * {@code 201} only once Kafka acknowledged it; a report that cannot be read gets {@code 400} with a problem
 * document and its bytes are kept in quarantine (the answers are in {@link UploadAnswers}).
 *
 * <p>A plain Vert.x route rather than a REST resource, so that no thread waits for Kafka: the body is read and a
 * small report parsed on the event loop, the records are handed to the producer, and the answer is written from
 * the event loop once Kafka acknowledged. Large or {@code Content-Encoding}-compressed bodies are read on a worker
 * thread instead, so that one 20 MiB report does not hold up the other connections of its event loop; so is
 * everything while Kafka is not answering, since handing a record to the producer may then wait for metadata.
 *
 * <p>The body is bounded twice: Quarkus answers {@code 413} to a {@code Content-Length} over
 * {@code quarkus.http.limits.max-body-size} before any of it is read, and a chunked body is cut off here at
 * {@code tlsrpt.ingest.http.max-body-size}.
 */
public final class ReportUploadRoute implements Handler<RoutingContext> {

    /** Bodies up to this size are read on the event loop: a 1 KB report takes tens of microseconds to read. */
    static final int EVENT_LOOP_BODY_LIMIT = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ReportUploadRoute.class);

    private final ReportIntake intake;
    private final ClientRateLimiter rateLimiter;
    private final IntakeMetrics metrics;
    private final long maxBodySize;

    /** @param maxBodySize largest body accepted, after Content-Encoding */
    public ReportUploadRoute(ReportIntake intake, ClientRateLimiter rateLimiter, long maxBodySize,
            IntakeMetrics metrics) {
        this.intake = intake;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        Context loop = Vertx.currentContext();
        long declared = declaredLength(request);
        Buffer body = Buffer.buffer((int) Math.min(Math.max(declared, 1024), EVENT_LOOP_BODY_LIMIT));
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > maxBodySize) {
                tooLarge[0] = true;
                metrics.received(Channel.HTTP, body.length() + (long) chunk.length());
                metrics.refused(Channel.HTTP, IntakeRefusal.TOO_LARGE);
                write(context, UploadAnswers.bodyTooLarge(maxBodySize), true);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> LOG.debug("upload from {} broken off: {}", client(request),
                failure.toString()));
        request.endHandler(end -> {
            if (!tooLarge[0]) {
                receive(context, loop, body.getBytes());
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            context.response().writeContinue();
        }
        request.resume();
    }

    private void receive(RoutingContext context, Context loop, byte[] body) {
        boolean encoded = context.request().getHeader("Content-Encoding") != null;
        if (body.length <= EVENT_LOOP_BODY_LIMIT && !encoded && !intake.mayBlock()) {
            answerWhenDone(context, loop, body);
        } else {
            context.vertx().executeBlocking(() -> {
                answerWhenDone(context, loop, body);
                return null;
            }, false);
        }
    }

    private void answerWhenDone(RoutingContext context, Context loop, byte[] body) {
        // The intake completes on Kafka's one I/O thread: everything after it, the answer included, goes back to
        // the event loop of the connection.
        Executor onLoop = task -> loop.runOnContext(ignored -> task.run());
        CompletableFuture<UploadAnswers.Answer> answer;
        try {
            answer = submit(context.request(), body, onLoop);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenCompleteAsync((done, failure) -> {
            if (failure != null) {
                LOG.error("upload from {} failed unexpectedly", client(context.request()), failure);
                write(context, UploadAnswers.internalError(), true);
            } else {
                write(context, done, false);
            }
        }, onLoop);
    }

    /** What the route refuses itself (rate, Content-Encoding) it counts itself; the intake counts the rest. */
    private CompletableFuture<UploadAnswers.Answer> submit(HttpServerRequest request, byte[] body, Executor onLoop) {
        String client = client(request);
        if (!rateLimiter.tryAcquire(client)) {
            metrics.received(Channel.HTTP, body.length);
            metrics.refused(Channel.HTTP, IntakeRefusal.RATE_LIMITED);
            return CompletableFuture.completedFuture(
                    UploadAnswers.rateLimited(client, rateLimiter.retryAfterSeconds()));
        }
        byte[] report = body;
        String encoding = request.getHeader("Content-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
            report = gunzipBounded(body);
            if (report == null) {
                metrics.received(Channel.HTTP, body.length);
                metrics.refused(Channel.HTTP, IntakeRefusal.TOO_LARGE);
                return CompletableFuture.completedFuture(UploadAnswers.encodedTooLarge(maxBodySize));
            }
        }
        Intake received = new Intake(Channel.HTTP, report, request.getHeader("Content-Type"), null, Instant.now(),
                client, Map.of("path", request.path(), "remote", client), null);
        return intake.receiveAsync(received).thenApplyAsync(UploadAnswers::of, onLoop);
    }

    private static void write(RoutingContext context, UploadAnswers.Answer answer, boolean close) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.closed()) {
            return; // the client went away, or an earlier answer (413) was already given
        }
        response.setStatusCode(answer.status())
                .setStatusMessage(HttpResponseStatus.valueOf(answer.status()).reasonPhrase())
                .putHeader("Content-Type", answer.contentType());
        if (answer.retryAfterSeconds() > 0) {
            response.putHeader("Retry-After", Long.toString(answer.retryAfterSeconds()));
        }
        if (close) {
            response.putHeader("Connection", "close");
            response.end(Buffer.buffer(answer.body())).onComplete(ended -> context.request().connection().close());
        } else {
            response.end(Buffer.buffer(answer.body()));
        }
    }

    /** Content-Encoding: gzip of a body, read no further than the body limit; null when damaged or too large. */
    private byte[] gunzipBounded(byte[] body) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodySize + 1));
            return out.length > maxBodySize ? null : out;
        } catch (IOException e) {
            return null;
        }
    }

    private static long declaredLength(HttpServerRequest request) {
        String declared = request.getHeader("Content-Length");
        if (declared == null) {
            return -1;
        }
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String client(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
