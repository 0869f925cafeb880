package org.tlsrpt.processor.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.processor.Contents;
import org.tlsrpt.storage.TestClickHouse;

/**
 * The Grafana dashboard in {@code dashboards/} reads the daily aggregates this module's migrations create: its JSON
 * must parse, and every panel's SQL, with the ClickHouse plugin's macros and the domain variable filled in as
 * Grafana fills them, must run against the migrated schema and sum the rows it is given. A schema change that
 * breaks the dashboard fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrafanaDashboardIT {

    private static final Path DASHBOARD = Path.of("..", "dashboards", "tlsrpt-clickhouse.json");
    private static final String PLUGIN = "grafana-clickhouse-datasource";
    private static final LocalDate DAY_ONE = LocalDate.now(ZoneOffset.UTC).minusDays(10);

    private TestClickHouse clickhouse;
    private ClickHouseConnector database;
    private JsonNode dashboard;

    @BeforeAll
    void start() throws Exception {
        dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        clickhouse = new TestClickHouse();
        database = clickhouse.freshDatabase("grafana_dashboard");
        // recent days, inside the tables' retention (TTL)
        String first = DAY_ONE.toString();
        String second = DAY_ONE.plusDays(1).toString();
        execute(("INSERT INTO daily_policy VALUES "
                + "('a.example', '%1$s', 'sts', 'Google Inc.', 1, 41, 2), "
                + "('a.example', '%2$s', 'tlsa', 'Microsoft', 1, 10, 3), "
                + "('b.example', '%2$s', 'sts', 'Google Inc.', 1, 7, 0), "
                + "('a.example', '%3$s', 'sts', 'Google Inc.', 1, 1000, 1000)").formatted(first, second,
                DAY_ONE.minusDays(5)));
        execute(("INSERT INTO daily_failures VALUES "
                + "('a.example', '%1$s', 'sts', 'certificate-expired', 'mx1.a.example', '192.0.2.1', 1, 2), "
                + "('a.example', '%2$s', 'tlsa', 'tlsa-invalid', 'mx1.a.example', '192.0.2.2', 1, 3)")
                .formatted(first, second));
    }

    @AfterAll
    void stop() {
        if (clickhouse != null) {
            clickhouse.close();
        }
    }

    @Test
    void everyPanelQueriesTheClickHousePluginAndTheDomainVariableListsTheDomains() throws Exception {
        assertThat(panels()).hasSizeGreaterThanOrEqualTo(8);
        for (JsonNode panel : panels()) {
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("type").asText()).isEqualTo(PLUGIN);
                assertThat(target.path("rawSql").asText()).contains("${domain}");
            }
        }
        JsonNode domain = variable("domain");
        assertThat(domain.path("multi").asBoolean()).isTrue();
        assertThat(rows(domain.path("query").asText())).containsExactly(List.of("a.example"), List.of("b.example"));
        assertThat(variable("datasource").path("query").asText()).isEqualTo(PLUGIN);
    }

    @Test
    void everyPanelQueryRunsAgainstTheMigratedSchema() throws Exception {
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                String sql = asGrafanaSendsIt(target.path("rawSql").asText(), "'a.example','b.example'");
                assertThat(rows(sql)).as("%s:%n%s", panel.path("title").asText(), sql).isNotEmpty();
            }
        }
    }

    @Test
    void theSessionsPanelSumsTheChosenDomainOnly() throws Exception {
        String sql = asGrafanaSendsIt(panel("Sessions").path("targets").get(0).path("rawSql").asText(), "'a.example'");
        assertThat(rows(sql)).containsExactly(List.of("51", "5"));
        String failures = asGrafanaSendsIt(panel("Failures by result type").path("targets").get(0).path("rawSql").asText(),
                "'a.example'");
        Map<String, String> byResult = new LinkedHashMap<>();
        rows(failures).forEach(row -> byResult.put(row.get(0), row.get(1)));
        assertThat(byResult).containsExactly(Map.entry("tlsa-invalid", "3"), Map.entry("certificate-expired", "2"));
    }

    /**
     * The plugin's macros as it expands them for a time range from DAY_ONE to the next day (the row five days
     * earlier stays out), and the multi-value variable quoted.
     */
    private static String asGrafanaSendsIt(String sql, String domains) {
        long from = DAY_ONE.toEpochSecond(LocalTime.MIDNIGHT, ZoneOffset.UTC);
        long to = DAY_ONE.plusDays(2).toEpochSecond(LocalTime.MIDNIGHT, ZoneOffset.UTC) - 1;
        return sql.replace("${domain}", domains)
                .replace("$__fromTime", "toDateTime(" + from + ")")
                .replace("$__toTime", "toDateTime(" + to + ")");
    }

    private List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panels::add);
        return panels;
    }

    private JsonNode panel(String title) {
        return panels().stream().filter(p -> p.path("title").asText().equals(title)).findFirst().orElseThrow();
    }

    private JsonNode variable(String name) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no variable " + name);
    }

    private void execute(String sql) throws Exception {
        try (Connection c = database.open(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private List<List<String>> rows(String sql) throws Exception {
        return new Contents(database).rows(sql);
    }
}
