package org.tlsrpt.app.config;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a process does. {@code all} (the embedded default) runs every role in one process; on Kubernetes each
 * Deployment runs one. Each role names the infrastructure it needs, so configuration can be checked before start.
 */
public enum Role {
    ALL("every role in one process, with embedded Kafka and ClickHouse unless external ones are configured", true, true),
    INGEST("receives reports by HTTPS, SMTP and IMAP and makes them durable in Kafka", true, false),
    PROCESSOR("counts reports from Kafka into ClickHouse and evaluates alert rules", true, true),
    API("serves the query API, the dashboard and alert configuration", false, true);

    private final String description;
    private final boolean needsKafka;
    private final boolean needsClickHouse;

    Role(String description, boolean needsKafka, boolean needsClickHouse) {
        this.description = description;
        this.needsKafka = needsKafka;
        this.needsClickHouse = needsClickHouse;
    }

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The name used in configuration and output: {@code ingest}, not {@code INGEST}. */
    @Override
    public String toString() {
        return configName();
    }

    public String description() {
        return description;
    }

    public static boolean needKafka(Set<Role> roles) {
        return roles.stream().anyMatch(role -> role.needsKafka);
    }

    public static boolean needClickHouse(Set<Role> roles) {
        return roles.stream().anyMatch(role -> role.needsClickHouse);
    }

    /** The concrete roles a configured set stands for: {@code all} expands to every role. */
    public static Set<Role> expand(Set<Role> configured) {
        if (configured.contains(ALL)) {
            return EnumSet.of(INGEST, PROCESSOR, API);
        }
        return EnumSet.copyOf(configured);
    }
}
