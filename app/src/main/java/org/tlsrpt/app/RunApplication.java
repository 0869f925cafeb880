package org.tlsrpt.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tlsrpt.app.cli.DemoCommand;
import org.tlsrpt.app.config.Role;
import org.tlsrpt.app.config.TlsrptConfig;
import org.tlsrpt.app.infra.Infrastructure;
import org.tlsrpt.app.roles.SmtpChannel;

/** {@code tlsrpt run}: the roles are started by their beans; this says where everything listens and waits. */
public class RunApplication implements QuarkusApplication {

    /** The argument {@code tlsrpt run --demo} hands over: feed the demo once the roles are up. */
    public static final String DEMO = "--demo";

    @Inject
    TlsrptConfig config;

    @Inject
    Infrastructure infrastructure;

    @Inject
    SmtpChannel smtp;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int httpPort;

    @ConfigProperty(name = "quarkus.management.host", defaultValue = "127.0.0.1")
    String managementHost;

    @ConfigProperty(name = "quarkus.management.port", defaultValue = "9000")
    int managementPort;

    @Override
    public int run(String... args) {
        StringBuilder ready = new StringBuilder("tlsrpt is running, roles ")
                .append(Role.expand(config.roles())).append('\n')
                .append("  HTTP        http://localhost:").append(httpPort)
                .append("   (reports: POST /v1/reports; API: /api/v1/, OpenAPI /q/openapi; dashboard: /)\n")
                .append("  management  http://").append(managementHost).append(':').append(managementPort)
                .append("   (health: /q/health/ready; metrics: /q/metrics)\n");
        if (smtp.port() > 0) {
            ready.append("  SMTP        localhost:").append(smtp.port()).append("   (reports by mail)\n");
        }
        infrastructure.kafka().ifPresent(kafka -> ready.append("  Kafka       ").append(kafka.bootstrapServers())
                .append("   (").append(kafka.origin()).append(")\n"));
        infrastructure.clickHouse().ifPresent(clickHouse -> ready.append("  ClickHouse  ")
                .append(clickHouse.jdbcUrl()).append("   (").append(clickHouse.origin()).append(")\n"));
        ready.append("  data        ").append(config.dataDir().toAbsolutePath()).append('\n');
        System.out.print(ready);
        System.out.flush();
        if (List.of(args).contains(DEMO)) {
            feedDemo();
        }
        Quarkus.waitForExit();
        return 0;
    }

    /** {@code run --demo}: the demo goes through the intake beside the running roles, as {@code tlsrpt demo} would. */
    private void feedDemo() {
        String kafka = infrastructure.kafka().map(k -> k.bootstrapServers()).orElse(null);
        Thread feeder = new Thread(() -> new DemoCommand(System.out, System.err, Clock.systemUTC()).run(kafka),
                "tlsrpt-demo");
        feeder.setDaemon(true);
        feeder.start();
    }
}
