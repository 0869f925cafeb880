package org.tlsrpt.app.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.tlsrpt.app.roles.ProcessorRole;
import org.tlsrpt.processor.Health;

/**
 * Ready while every processor consumer makes progress; DOWN while ClickHouse refuses a consumer's batches (it then
 * reads and commits nothing and retries), with the reason and since when, per topic.
 */
@Readiness
@ApplicationScoped
public class ProcessorHealthCheck implements HealthCheck {

    @Inject
    ProcessorRole processor;

    @Override
    public HealthCheckResponse call() {
        Map<String, Health> consumers = processor.health();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("processor");
        if (consumers.isEmpty()) {
            return response.up().withData("used", false).build();
        }
        boolean up = true;
        for (Map.Entry<String, Health> consumer : consumers.entrySet()) {
            Health health = consumer.getValue();
            if (health.up()) {
                response.withData(consumer.getKey(), "UP");
            } else {
                up = false;
                response.withData(consumer.getKey(), "DOWN since " + health.since() + ": " + health.reason());
            }
        }
        return response.status(up).withData("reports-stored", processor.reportsStored()).build();
    }
}
