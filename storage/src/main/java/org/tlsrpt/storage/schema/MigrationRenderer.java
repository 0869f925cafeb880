package org.tlsrpt.storage.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one migration template into the statements of a {@link SchemaDialect}. Placeholders:
 * <ul>
 * <li>{@code ${ON_CLUSTER}}: nothing, or {@code ON CLUSTER `name`}</li>
 * <li>{@code ${LOCAL}}: nothing, or {@code _local}</li>
 * <li>{@code ${ENGINE:Family(args)}}: {@code Family(args)}, or
 *     {@code ReplicatedFamily('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', args)}</li>
 * <li>{@code ${DEDUP_WINDOW}}: {@code non_replicated_deduplication_window = N} or
 *     {@code replicated_deduplication_window = N}</li>
 * <li>{@code ${RETENTION_DAYS}}, {@code ${RAW_RETENTION_DAYS}}: the configured retention</li>
 * <li>{@code ${DISTRIBUTED table shardingKey}} as a whole statement: nothing on a single node, otherwise the
 *     {@code Distributed} table over {@code table_local}</li>
 * <li>{@code ${CLUSTER_ONLY}} at the start of a statement: the statement is left out on a single node (such as a
 *     change the {@code Distributed} tables must follow)</li>
 * </ul>
 * Statements end with a semicolon at the end of a line; {@code --} comment lines are dropped.
 */
public final class MigrationRenderer {

    private static final Pattern ENGINE = Pattern.compile("\\$\\{ENGINE:([A-Za-z]+)(?:\\((.*?)\\))?}");
    private static final Pattern DISTRIBUTED = Pattern.compile("\\$\\{DISTRIBUTED ([a-z_]+) (.+)}");
    private static final String CLUSTER_ONLY = "${CLUSTER_ONLY}";
    private static final Pattern LEFTOVER = Pattern.compile("\\$\\{[^}]*}");

    private final SchemaDialect dialect;

    public MigrationRenderer(SchemaDialect dialect) {
        this.dialect = dialect;
    }

    public List<String> render(String template) {
        List<String> statements = new ArrayList<>();
        for (String raw : split(template)) {
            String statement = renderStatement(raw.strip());
            if (!statement.isEmpty()) {
                statements.add(statement);
            }
        }
        return statements;
    }

    private String renderStatement(String statement) {
        if (statement.startsWith(CLUSTER_ONLY)) {
            return dialect.isCluster() ? renderStatement(statement.substring(CLUSTER_ONLY.length()).strip()) : "";
        }
        Matcher distributed = DISTRIBUTED.matcher(statement);
        if (distributed.matches()) {
            if (!dialect.isCluster()) {
                return "";
            }
            String table = distributed.group(1);
            return "CREATE TABLE IF NOT EXISTS " + table + " " + onCluster() + " AS " + table + "_local ENGINE = "
                    + "Distributed(" + quote(dialect.cluster()) + ", currentDatabase(), " + quote(table + "_local")
                    + ", " + distributed.group(2) + ")";
        }
        String rendered = statement
                .replace("${ON_CLUSTER}", onCluster())
                .replace("${LOCAL}", dialect.localSuffix())
                .replace("${RETENTION_DAYS}", Integer.toString(dialect.retentionDays()))
                .replace("${RAW_RETENTION_DAYS}", Integer.toString(dialect.rawRetentionDays()))
                .replace("${DEDUP_WINDOW}", (dialect.isCluster() ? "replicated_deduplication_window = "
                        : "non_replicated_deduplication_window = ") + dialect.deduplicationWindow());
        Matcher engine = ENGINE.matcher(rendered);
        StringBuilder out = new StringBuilder();
        while (engine.find()) {
            engine.appendReplacement(out, Matcher.quoteReplacement(engine(engine.group(1), engine.group(2))));
        }
        engine.appendTail(out);
        Matcher leftover = LEFTOVER.matcher(out);
        if (leftover.find()) {
            throw new IllegalArgumentException("unknown placeholder " + leftover.group() + " in: " + statement);
        }
        return out.toString();
    }

    private String engine(String family, String arguments) {
        String args = arguments == null || arguments.isBlank() ? "" : arguments.strip();
        if (!dialect.isCluster()) {
            return family + (args.isEmpty() ? "" : "(" + args + ")");
        }
        return "Replicated" + family + "('/clickhouse/tables/{shard}/{database}/{table}', '{replica}'"
                + (args.isEmpty() ? "" : ", " + args) + ")";
    }

    private String onCluster() {
        return dialect.isCluster() ? "ON CLUSTER " + quote(dialect.cluster()) : "";
    }

    private static String quote(String value) {
        return "'" + value + "'";
    }

    private static List<String> split(String template) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : template.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(line, 0, line.lastIndexOf(';'));
                statements.add(current.toString());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString());
        }
        return statements;
    }
}
