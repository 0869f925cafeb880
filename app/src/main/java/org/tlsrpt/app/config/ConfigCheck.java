package org.tlsrpt.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;

/**
 * Combinations of settings that cannot work, each with the reason. Run at start (the process refuses to start)
 * and by {@code tlsrpt check-config}.
 */
public final class ConfigCheck {

    private ConfigCheck() {
    }

    /**
     * @param httpPort       {@code quarkus.http.port}
     * @param managementPort {@code quarkus.management.port}: health, metrics and Swagger UI
     */
    public static List<String> problems(TlsrptConfig config, int httpPort, int managementPort) {
        List<String> problems = new ArrayList<>();
        Set<Role> roles = config.roles();
        if (roles.isEmpty()) {
            problems.add("tlsrpt.roles is empty: name 'all' or some of ingest, processor, api");
        }
        if (roles.contains(Role.ALL) && roles.size() > 1) {
            problems.add("tlsrpt.roles: 'all' already includes every role; do not combine it with " + roles);
        }
        boolean separateRoles = !roles.contains(Role.ALL);
        if (separateRoles && Role.needKafka(roles) && config.kafka().bootstrapServers().isEmpty()) {
            problems.add("roles " + roles + " need tlsrpt.kafka.bootstrap-servers: the embedded broker runs only "
                    + "with roles=all, since separate processes must share one Kafka");
        }
        if (separateRoles && Role.needClickHouse(roles) && config.clickhouse().jdbcUrl().isEmpty()) {
            problems.add("roles " + roles + " need tlsrpt.clickhouse.jdbc-url: the embedded ClickHouse runs only "
                    + "with roles=all, since separate processes must share one database");
        }
        config.kafka().bootstrapServers().filter(String::isBlank)
                .ifPresent(blank -> problems.add("tlsrpt.kafka.bootstrap-servers is blank"));
        config.clickhouse().jdbcUrl()
                .filter(url -> !url.startsWith("jdbc:clickhouse:") && !url.startsWith("jdbc:ch:"))
                .ifPresent(url -> problems.add("tlsrpt.clickhouse.jdbc-url must start with jdbc:clickhouse: "
                        + "or jdbc:ch:"));
        if (config.kafka().partitions() < 1 || config.kafka().partitions() > 1000) {
            problems.add("tlsrpt.kafka.partitions must be 1-1000, was " + config.kafka().partitions());
        }
        if (config.clickhouse().retentionDays() < 1 || config.clickhouse().rawRetentionDays() < 1) {
            problems.add("tlsrpt.clickhouse.retention-days and raw-retention-days must be at least 1");
        } else {
            try {
                ClickHouseSchema.dialect(config.clickhouse());
            } catch (IllegalArgumentException e) {
                problems.add("tlsrpt.clickhouse.cluster: " + e.getMessage());
            }
        }
        checkPorts(config, httpPort, managementPort, problems);
        return problems;
    }

    /**
     * Secrets that would make the installation open: a placeholder left from the Kubernetes manifests
     * ({@code FAKE-…-replace-me}: public, so anyone could mint tokens with a known pepper or log in to ClickHouse), or
     * separate api processes without a shared token pepper (each would make its own, and a token would work on one
     * replica only).
     */
    public static List<String> secretProblems(TlsrptConfig config, Config raw) {
        List<String> problems = new ArrayList<>();
        Set<String> placeholders = new TreeSet<>();
        for (String name : raw.getPropertyNames()) {
            if (name.startsWith("tlsrpt.")) {
                raw.getOptionalValue(name, String.class).filter(ConfigCheck::isPlaceholder)
                        .ifPresent(value -> placeholders.add(name));
            }
        }
        for (String name : placeholders) {
            problems.add(name + " is still the placeholder from the Kubernetes manifests: set a secret of your own "
                    + "(docs/deployment.md, \"Secrets\")");
        }
        Optional<String> pepper = raw.getOptionalValue("tlsrpt.api.token-pepper", String.class);
        if (!config.roles().contains(Role.ALL) && config.roles().contains(Role.API) && pepper.isEmpty()) {
            problems.add("role api without tlsrpt.api.token-pepper: separate api processes must share one pepper, "
                    + "or a token works on one replica only");
        }
        return problems;
    }

    /** The placeholders k8s/base writes into its secrets. */
    static boolean isPlaceholder(String value) {
        return value.startsWith("FAKE-") || value.contains("replace-me");
    }

    /** What is wrong with the checks' settings. */
    public static List<String> problems(ChecksConfig checks) {
        List<String> problems = new ArrayList<>();
        try {
            checks.settings();
        } catch (IllegalArgumentException e) {
            problems.add("tlsrpt.checks: " + e.getMessage());
        }
        positive("tlsrpt.checks.interval", checks.interval(), problems);
        checks.trustAnchors().filter(path -> !java.nio.file.Files.isReadable(path))
                .ifPresent(path -> problems.add("tlsrpt.checks.trust-anchors: cannot read " + path));
        checks.trustStore().filter(path -> !java.nio.file.Files.isReadable(path))
                .ifPresent(path -> problems.add("tlsrpt.checks.trust-store: cannot read " + path));
        checks.resolver().filter(resolver -> !resolver.matches("\\[?[0-9A-Za-z.:-]+\\]?(:[0-9]{1,5})?"))
                .ifPresent(resolver -> problems.add("tlsrpt.checks.resolver must be host or host:port, was "
                        + resolver));
        return problems;
    }

    /** What is wrong with the processor role's settings. */
    public static List<String> problems(ProcessorSettings processor) {
        List<String> problems = new ArrayList<>();
        if (processor.batchRecords() < 1 || processor.batchRecords() > 1_000_000) {
            problems.add("tlsrpt.processor.batch-records must be 1-1000000, was " + processor.batchRecords());
        }
        if (processor.maxVersions() < 1 || processor.maxVersions() > 1_000) {
            problems.add("tlsrpt.processor.max-versions must be 1-1000, was " + processor.maxVersions());
        }
        positive("tlsrpt.processor.batch-delay", processor.batchDelay(), problems);
        positive("tlsrpt.processor.backoff-min", processor.backoffMin(), problems);
        positive("tlsrpt.processor.backoff-max", processor.backoffMax(), problems);
        positive("tlsrpt.processor.session-timeout", processor.sessionTimeout(), problems);
        if (processor.backoffMax().compareTo(processor.backoffMin()) < 0) {
            problems.add("tlsrpt.processor.backoff-max " + processor.backoffMax() + " is below backoff-min "
                    + processor.backoffMin());
        }
        if (processor.groupId().isBlank() || processor.quarantineGroupId().isBlank()) {
            problems.add("tlsrpt.processor.group-id and quarantine-group-id must not be blank");
        } else if (processor.groupId().equals(processor.quarantineGroupId())) {
            // one group for two topics would make every rebalance of one consumer stop the other
            problems.add("tlsrpt.processor.group-id and quarantine-group-id must differ, both are "
                    + processor.groupId());
        }
        processor.instanceId().filter(String::isBlank)
                .ifPresent(blank -> problems.add("tlsrpt.processor.instance-id is blank"));
        return problems;
    }

    private static void positive(String name, java.time.Duration value, List<String> problems) {
        if (value.isNegative() || value.isZero()) {
            problems.add(name + " must be positive, was " + value);
        }
    }

    private static void checkPorts(TlsrptConfig config, int httpPort, int managementPort, List<String> problems) {
        List<String> names = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        if (config.kafka().bootstrapServers().isEmpty()) {
            names.add("tlsrpt.kafka.port");
            ports.add(config.kafka().port());
            names.add("tlsrpt.kafka.controller-port");
            ports.add(config.kafka().controllerPort());
        }
        if (config.clickhouse().jdbcUrl().isEmpty()) {
            names.add("tlsrpt.clickhouse.port");
            ports.add(config.clickhouse().port());
        }
        names.add("quarkus.http.port");
        ports.add(httpPort);
        names.add("quarkus.management.port");
        ports.add(managementPort);
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            if (port < 0 || port > 65535) {
                problems.add(names.get(i) + " must be 0-65535, was " + port);
            }
            for (int j = i + 1; j < ports.size(); j++) {
                if (port != 0 && port == ports.get(j)) {
                    problems.add(names.get(i) + " and " + names.get(j) + " are both " + port);
                }
            }
        }
    }
}
