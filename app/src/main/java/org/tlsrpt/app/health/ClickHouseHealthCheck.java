package org.tlsrpt.app.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.tlsrpt.app.infra.ClickHouseEndpoint;
import org.tlsrpt.app.infra.Infrastructure;

/**
 * Ready when ClickHouse answers {@code SELECT 1} through the JDBC driver the roles use. Says whether it is embedded
 * or external, never where: health answers without authentication (the startup log names the address).
 */
@Readiness
@ApplicationScoped
public class ClickHouseHealthCheck implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 3;

    @Inject
    Infrastructure infrastructure;

    @Override
    public HealthCheckResponse call() {
        Optional<ClickHouseEndpoint> clickHouse = infrastructure.clickHouse();
        if (clickHouse.isEmpty()) {
            return HealthCheckResponse.named("clickhouse").up().withData("used", false).build();
        }
        var response = HealthCheckResponse.named("clickhouse").withData("origin", clickHouse.get().origin());
        Properties credentials = new Properties();
        credentials.setProperty("user", clickHouse.get().user());
        credentials.setProperty("password", clickHouse.get().password());
        try (Connection connection = DriverManager.getConnection(clickHouse.get().jdbcUrl(), credentials);
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            try (ResultSet result = statement.executeQuery("SELECT 1")) {
                result.next();
            }
            return response.up().build();
        } catch (SQLException | RuntimeException e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
