package org.tlsrpt.ingest.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deadline for receiving a request body. Vert.x closes only connections that are silent for
 * {@code quarkus.http.idle-timeout}; a client trickling one byte a minute would hold a connection and a buffer for
 * hours. Every request whose body is not complete within {@code tlsrpt.ingest.http.body-deadline} of its headers
 * gets {@code 408} and its connection is closed. Keep it above {@code tlsrpt.ingest.ack-timeout}: a chunked body
 * can only be seen complete once the resource has answered. (Slow headers are bounded only by the idle timeout and
 * {@code quarkus.http.limits.max-header-size}: Vert.x gives no hook before the headers are complete.)
 */
public final class UploadDeadline {

    private static final Logger LOG = LoggerFactory.getLogger(UploadDeadline.class);

    private UploadDeadline() {
    }

    /** Puts the deadline in front of every route of {@code router}. */
    public static void install(Router router, Duration deadline) {
        long deadlineMs = deadline.toMillis();
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            HttpServerRequest request = context.request();
            if (!request.isEnded()) {
                long timer = context.vertx().setTimer(deadlineMs, id -> {
                    if (!bodyComplete(request)) {
                        String client = request.remoteAddress() == null ? "unknown"
                                : request.remoteAddress().hostAddress();
                        LOG.info("request body from {} not complete within {} ms; closed", client, deadlineMs);
                        if (!context.response().headWritten()) {
                            context.response().setStatusCode(408).putHeader("Connection", "close")
                                    .end("request body not complete in time\n");
                        }
                        request.connection().close();
                    }
                });
                context.addEndHandler(done -> context.vertx().cancelTimer(timer));
            }
            context.next();
        });
    }

    /**
     * Whether the whole body arrived. A declared length is compared with what was read, so that a request whose
     * body is complete but not yet marked ended (paused by another handler) is not cut off.
     */
    private static boolean bodyComplete(HttpServerRequest request) {
        String declared = request.getHeader("Content-Length");
        if (declared != null) {
            try {
                return request.bytesRead() >= Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                return request.isEnded();
            }
        }
        return request.isEnded();
    }
}
