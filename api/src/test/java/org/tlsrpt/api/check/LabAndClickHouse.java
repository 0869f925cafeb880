package org.tlsrpt.api.check;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.tlsrpt.checks.lab.Lab;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.TestClickHouse;

/**
 * What the api's tests of the live checks run against: the checks' lab (real NSD, SMTP and HTTPS servers), a fresh
 * database in the embedded ClickHouse, and {@link DomainChecks} pointed at both.
 */
public final class LabAndClickHouse implements AutoCloseable {

    public final Lab lab;
    public final TestClickHouse clickhouse;
    public final ClickHouseConnector database;
    public final DomainChecks checks;

    private LabAndClickHouse(Lab lab, TestClickHouse clickhouse, ClickHouseConnector database, DomainChecks checks) {
        this.lab = lab;
        this.clickhouse = clickhouse;
        this.database = database;
        this.checks = checks;
    }

    public static LabAndClickHouse start(Path dir, String databaseName) throws Exception {
        Lab lab = Lab.start(dir);
        TestClickHouse clickhouse = null;
        try {
            clickhouse = new TestClickHouse();
            ClickHouseConnector database = clickhouse.freshDatabase(databaseName);
            DomainChecks checks = new DomainChecks(database, lab.settings(), Duration.ofMinutes(1),
                    Clock.systemUTC());
            return new LabAndClickHouse(lab, clickhouse, database, checks);
        } catch (Exception | Error e) {
            if (clickhouse != null) {
                clickhouse.close();
            }
            lab.close();
            throw e;
        }
    }

    @Override
    public void close() {
        checks.close();
        clickhouse.close();
        lab.close();
    }
}
