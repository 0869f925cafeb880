package org.tlsrpt.app.health;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.tlsrpt.app.infra.Infrastructure;
import org.tlsrpt.app.infra.KafkaEndpoint;

/**
 * Ready when the Kafka cluster answers a metadata request within a few seconds. Says whether it is embedded or
 * external, never where: health answers without authentication (the startup log names the address).
 */
@Readiness
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {

    private static final int TIMEOUT_MS = 3_000;

    @Inject
    Infrastructure infrastructure;

    private Admin admin;

    @Override
    public HealthCheckResponse call() {
        Optional<KafkaEndpoint> kafka = infrastructure.kafka();
        if (kafka.isEmpty()) {
            return HealthCheckResponse.named("kafka").up().withData("used", false).build();
        }
        var response = HealthCheckResponse.named("kafka").withData("origin", kafka.get().origin());
        try {
            int nodes = admin(kafka.get()).describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            return response.up().withData("nodes", nodes).build();
        } catch (Exception e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }

    private synchronized Admin admin(KafkaEndpoint kafka) {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                    AdminClientConfig.CLIENT_ID_CONFIG, "tlsrpt-health"));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
