package org.tlsrpt.storage.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MigrationRendererTest {

    private static final String TEMPLATE = """
            -- a comment
            CREATE TABLE IF NOT EXISTS t${LOCAL} ${ON_CLUSTER} (k String, d Date)
            ENGINE = ${ENGINE:ReplacingMergeTree(d)}
            ORDER BY k
            TTL d + INTERVAL ${RETENTION_DAYS} DAY
            SETTINGS ${DEDUP_WINDOW};

            ${DISTRIBUTED t cityHash64(k)};
            """;

    @Test
    void singleNodeDialectUsesPlainMergeTreeAndSkipsDistributedTables() {
        List<String> statements = new MigrationRenderer(SchemaDialect.singleNode()).render(TEMPLATE);

        assertThat(statements).hasSize(1);
        assertThat(statements.get(0))
                .contains("CREATE TABLE IF NOT EXISTS t  (k String")
                .contains("ENGINE = ReplacingMergeTree(d)")
                .contains("INTERVAL 800 DAY")
                .contains("non_replicated_deduplication_window = 1000")
                .doesNotContain("ON CLUSTER", "${", "--");
    }

    @Test
    void clusterDialectUsesReplicatedLocalTablesDistributedOverThemAndOnCluster() {
        List<String> statements = new MigrationRenderer(SchemaDialect.cluster("tlsrpt").withRetention(30, 7))
                .render(TEMPLATE);

        assertThat(statements).hasSize(2);
        assertThat(statements.get(0))
                .contains("CREATE TABLE IF NOT EXISTS t_local ON CLUSTER 'tlsrpt'")
                .contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', "
                        + "'{replica}', d)")
                .contains("INTERVAL 30 DAY")
                .contains("SETTINGS replicated_deduplication_window = 1000");
        assertThat(statements.get(1)).isEqualTo("CREATE TABLE IF NOT EXISTS t ON CLUSTER 'tlsrpt' AS t_local "
                + "ENGINE = Distributed('tlsrpt', currentDatabase(), 't_local', cityHash64(k))");
    }

    @Test
    void aClusterOnlyStatementIsLeftOutOnASingleNodeAndRenderedOnACluster() {
        String template = "${CLUSTER_ONLY} ALTER TABLE t ${ON_CLUSTER} ADD COLUMN IF NOT EXISTS c UInt8;";

        assertThat(new MigrationRenderer(SchemaDialect.singleNode()).render(template)).isEmpty();
        assertThat(new MigrationRenderer(SchemaDialect.cluster("tlsrpt")).render(template))
                .containsExactly("ALTER TABLE t ON CLUSTER 'tlsrpt' ADD COLUMN IF NOT EXISTS c UInt8");
    }

    @Test
    void anUnknownPlaceholderIsRefusedRatherThanSentToClickHouse() {
        assertThatThrownBy(() -> new MigrationRenderer(SchemaDialect.singleNode()).render("SELECT ${NOPE};"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("${NOPE}");
    }

    @Test
    void everyShippedMigrationRendersInBothDialectsWithoutLeftoverPlaceholders() {
        List<Migration> migrations = MigrationSource.classpath();
        // Numbered 1, 2, … without a gap or a repeat (the last one is V015, the batch ranges).
        assertThat(migrations).extracting(Migration::version)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 15).boxed().toList());
        for (SchemaDialect dialect : List.of(SchemaDialect.singleNode(), SchemaDialect.cluster("c"))) {
            for (Migration migration : migrations) {
                assertThat(new MigrationRenderer(dialect).render(migration.template()))
                        .isNotEmpty().allSatisfy(statement -> assertThat(statement).doesNotContain("${"));
            }
        }
    }
}
