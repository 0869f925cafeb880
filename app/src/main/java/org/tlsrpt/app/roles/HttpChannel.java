package org.tlsrpt.app.roles;

import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import org.tlsrpt.app.config.IngestConfig;
import org.tlsrpt.app.config.Role;
import org.tlsrpt.ingest.IntakeMetrics;
import org.tlsrpt.ingest.ReportIntake;
import org.tlsrpt.ingest.http.ClientRateLimiter;
import org.tlsrpt.ingest.http.ReportUploadRoute;
import org.tlsrpt.ingest.http.UploadDeadline;

/**
 * Serves RFC 8460 §5.4 uploads ({@code POST /v1/reports} and {@code POST /}) when this process runs the ingest
 * role; a process without it has no such route. The routes exist from the start; the intake behind them (and its
 * Kafka producer) once the infrastructure is up: until then an upload is answered {@code 503}.
 */
@ApplicationScoped
public class HttpChannel {

    static final List<String> PATHS = List.of("/", "/v1/reports", "/v1/reports/");

    @Inject
    ActiveRoles roles;

    @Inject
    Instance<ReportIntake> intake;

    @Inject
    IngestConfig config;

    @Inject
    IntakeMetrics metrics;

    private volatile ReportUploadRoute upload;

    void routes(@Observes Router router) {
        // Every request, whatever the role: a client trickling its body must not hold a connection for hours.
        UploadDeadline.install(router, config.http().bodyDeadline());
        if (!roles.runs(Role.INGEST)) {
            return;
        }
        for (String path : PATHS) {
            router.post(path).handler(context -> {
                ReportUploadRoute route = upload;
                if (route == null) {
                    context.response().setStatusCode(503).putHeader("Retry-After", "5")
                            .end("starting; retry later\n");
                } else {
                    route.handle(context);
                }
            });
        }
    }

    /** After the infrastructure (priority 10) is up. */
    void start(@Observes @Priority(100) StartupEvent event) {
        if (roles.runs(Role.INGEST)) {
            IngestConfig.Http http = config.http();
            upload = new ReportUploadRoute(intake.get(), new ClientRateLimiter(http.ratePerMinute(), http.burst()),
                    http.maxBodySize(), metrics);
        }
    }
}
