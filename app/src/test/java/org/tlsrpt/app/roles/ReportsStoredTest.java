package org.tlsrpt.app.roles;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tlsrpt.app.health.EmbeddedInfrastructureResource;
import org.tlsrpt.processor.Await;
import org.tlsrpt.storage.ClickHouseConnector;

/** The processor role in the running application: a posted report is stored and announced by ReportsStored. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedInfrastructureResource.class, restrictToAnnotatedClass = false)
class ReportsStoredTest {

    /** Records every ReportsStored. Read through methods: the test holds a client proxy, whose fields are not these. */
    @ApplicationScoped
    static class Observer {

        private final List<ReportsStored> sync = new CopyOnWriteArrayList<>();
        private final List<ReportsStored> async = new CopyOnWriteArrayList<>();

        List<ReportsStored> sync() {
            return List.copyOf(sync);
        }

        List<ReportsStored> async() {
            return List.copyOf(async);
        }

        void onStored(@Observes ReportsStored event) {
            sync.add(event);
        }

        void onStoredAsync(@ObservesAsync ReportsStored event) {
            async.add(event);
        }
    }

    @Inject
    Observer observer;

    @ConfigProperty(name = "tlsrpt.clickhouse.jdbc-url")
    String jdbcUrl;

    @ConfigProperty(name = "tlsrpt.clickhouse.password")
    String password;

    @Test
    void aPostedReportIsStoredAndAnnouncedToSynchronousAndAsynchronousObservers() throws Exception {
        int syncBefore = observer.sync().size();
        int asyncBefore = observer.async().size();

        given().contentType("application/tlsrpt+json").body(ReportUploadTest.report("stored-event.example"))
                .when().post("/v1/reports").then().statusCode(201);

        ClickHouseConnector clickHouse = new ClickHouseConnector(jdbcUrl, "default", password);
        Await.until(Duration.ofSeconds(30), () -> reportsFor(clickHouse, "stored-event.example"), 1L);
        Await.until(Duration.ofSeconds(30), () -> observer.sync().size() > syncBefore, true);
        Await.until(Duration.ofSeconds(30), () -> observer.async().size() > asyncBefore, true);
        ReportsStored event = observer.sync().get(observer.sync().size() - 1);
        assertThat(event.reports()).isPositive();
        assertThat(observer.async()).contains(event);
    }

    private static long reportsFor(ClickHouseConnector clickHouse, String domain) throws Exception {
        try (Connection connection = clickHouse.open(); PreparedStatement query = connection.prepareStatement(
                "SELECT count() FROM reports WHERE has(policy_domains, ?)")) {
            query.setString(1, domain);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
