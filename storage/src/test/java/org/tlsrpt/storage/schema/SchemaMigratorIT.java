package org.tlsrpt.storage.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tlsrpt.storage.TestClickHouse;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaMigratorIT {

    private TestClickHouse clickhouse;

    /** Its own ClickHouse: the test reads the {@code default} database, which no other test touches. */
    @BeforeAll
    void start() throws Exception {
        clickhouse = new TestClickHouse();
    }

    @AfterAll
    void stop() {
        clickhouse.close();
    }

    @Test
    void migrationsApplyInOrderOnceAndASecondStartChangesNothing() throws Exception {
        SchemaMigrator migrator = SchemaMigrator.of(clickhouse.connector(), SchemaDialect.singleNode());

        assertThat(migrator.migrate()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        List<List<String>> tablesAfterFirst = clickhouse.rows(
                "SELECT name, engine, create_table_query FROM system.tables WHERE database = currentDatabase() ORDER BY name");
        List<List<String>> history = clickhouse.rows("SELECT version, name, checksum FROM schema_migrations ORDER BY version");

        assertThat(SchemaMigrator.of(clickhouse.connector(), SchemaDialect.singleNode()).migrate()).isEmpty();

        assertThat(clickhouse.rows("SELECT name, engine, create_table_query FROM system.tables "
                + "WHERE database = currentDatabase() ORDER BY name")).isEqualTo(tablesAfterFirst);
        assertThat(clickhouse.rows("SELECT version, name, checksum FROM schema_migrations ORDER BY version"))
                .isEqualTo(history).hasSize(15);
        assertThat(tablesAfterFirst).extracting(row -> row.get(0) + ":" + row.get(1)).contains(
                "reports:ReplacingMergeTree", "policy_results:ReplacingMergeTree",
                "failure_details:ReplacingMergeTree", "raw_reports:ReplacingMergeTree",
                "quarantine:ReplacingMergeTree", "daily_policy:SummingMergeTree",
                "daily_failures:SummingMergeTree", "daily_policy_mv:MaterializedView",
                "daily_failures_mv:MaterializedView", "processor_batches:ReplacingMergeTree",
                "api_tokens:ReplacingMergeTree", "daily_reporters:AggregatingMergeTree",
                "daily_reporters_mv:MaterializedView",
                "alert_rules:ReplacingMergeTree", "webhooks:ReplacingMergeTree", "alert_state:ReplacingMergeTree",
                "webhook_deliveries:MergeTree", "alert_leases:ReplacingMergeTree");
        // V012 and V013: the default retention is 800 days, versions and signs are in the counted tables
        assertThat(tablesAfterFirst).filteredOn(row -> row.get(0).equals("reports")).singleElement()
                .satisfies(row -> assertThat(row.get(2)).contains("TTL day + toIntervalDay(800)")
                        .contains("ORDER BY (day, organization, key, version, retraction)")
                        .contains("`sign` Int8 DEFAULT 1"));
        assertThat(tablesAfterFirst).filteredOn(row -> row.get(0).equals("daily_policy_mv")).singleElement()
                .satisfies(row -> assertThat(row.get(2)).contains("sum(sign) AS reports"));
    }

    @Test
    void theClusterDialectIsAcceptedByTheEngineOwnParser() throws Exception {
        List<String> statements = SchemaMigrator.of(clickhouse.connector(), SchemaDialect.cluster("tlsrpt")).render();

        assertThat(statements).hasSizeGreaterThan(14);
        for (String statement : statements) {
            String formatted = clickhouse.rows("SELECT formatQuery('" + statement.replace("\\", "\\\\")
                    .replace("'", "\\'") + "')").get(0).get(0);
            assertThat(formatted).contains("ON CLUSTER tlsrpt");
            if (formatted.contains("ENGINE = Distributed")) {
                assertThat(formatted).contains("_local");
            } else if (formatted.startsWith("CREATE TABLE")) {
                assertThat(formatted).contains("ENGINE = Replicated");
            }
        }
    }
}
