package org.tlsrpt.storage.schema;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which ClickHouse shape the migrations are rendered for: one node (MergeTree family) or a cluster
 * (Replicated*MergeTree local tables, {@code Distributed} tables over them, {@code ON CLUSTER} DDL).
 *
 * @param cluster            the cluster name for {@code ON CLUSTER}, or null for a single node
 * @param retentionDays      how long reports, policy results, failure details and aggregates are kept (TTL)
 * @param rawRetentionDays   how long raw bytes and quarantined items are kept (TTL)
 * @param deduplicationWindow how many recent insert blocks each table remembers for insert deduplication
 */
public record SchemaDialect(String cluster, int retentionDays, int rawRetentionDays, int deduplicationWindow) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    public static final int DEFAULT_RETENTION_DAYS = 800;
    public static final int DEFAULT_RAW_RETENTION_DAYS = 90;
    public static final int DEFAULT_DEDUPLICATION_WINDOW = 1000;

    public SchemaDialect {
        if (cluster != null && !NAME.matcher(cluster).matches()) {
            throw new IllegalArgumentException("cluster name must match " + NAME + ", was '" + cluster + "'");
        }
        if (retentionDays < 1 || rawRetentionDays < 1) {
            throw new IllegalArgumentException("retention must be at least one day");
        }
        if (deduplicationWindow < 100) {
            throw new IllegalArgumentException("deduplicationWindow must be at least 100 blocks, was "
                    + deduplicationWindow);
        }
    }

    public static SchemaDialect singleNode() {
        return new SchemaDialect(null, DEFAULT_RETENTION_DAYS, DEFAULT_RAW_RETENTION_DAYS,
                DEFAULT_DEDUPLICATION_WINDOW);
    }

    public static SchemaDialect cluster(String name) {
        Objects.requireNonNull(name, "name");
        return new SchemaDialect(name, DEFAULT_RETENTION_DAYS, DEFAULT_RAW_RETENTION_DAYS,
                DEFAULT_DEDUPLICATION_WINDOW);
    }

    public SchemaDialect withRetention(int days, int rawDays) {
        return new SchemaDialect(cluster, days, rawDays, deduplicationWindow);
    }

    public boolean isCluster() {
        return cluster != null;
    }

    /** The suffix of the tables that hold data: {@code _local} on a cluster, where the plain name is Distributed. */
    public String localSuffix() {
        return isCluster() ? "_local" : "";
    }
}
