package org.tlsrpt.app.roles;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.tlsrpt.api.alert.AlertRule;
import org.tlsrpt.api.alert.AlertSchedule;
import org.tlsrpt.api.alert.Alerts;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.auth.StoredToken;
import org.tlsrpt.api.auth.TokenStore;
import org.tlsrpt.api.check.DomainChecks;
import org.tlsrpt.api.check.ScheduledChecks;
import org.tlsrpt.app.config.ChecksConfig;
import org.tlsrpt.app.config.Role;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * The live checks in the api role: the {@link DomainChecks} behind {@code /api/v1/domains/{d}/checks} and
 * {@code /diagnosis}, and the scheduled checks, which the api role runs because it already probes on demand (so in
 * Kubernetes only the api pods need egress to ports 25, 443 and 53). One instance of the cluster checks at a time.
 */
@ApplicationScoped
public class CheckBeans {

    private static final Logger LOG = Logger.getLogger(CheckBeans.class);

    @Inject
    ChecksConfig config;

    @Inject
    ActiveRoles roles;

    @Inject
    Instance<DomainChecks> checks;

    @Inject
    Instance<TokenStore> tokens;

    @Inject
    Instance<Alerts> alerts;

    private AlertSchedule schedule;

    @Produces
    @Singleton
    DomainChecks domainChecks(ClickHouseConnector connector, ChecksConfig checksConfig) {
        try {
            return new DomainChecks(connector, checksConfig.settings(), checksConfig.runNowSpacing(),
                    Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("tlsrpt.checks: " + e.getMessage(), e);
        }
    }

    void closeChecks(@Disposes DomainChecks closing) {
        closing.close();
    }

    /** After the infrastructure and the schema migration, like the alerts. */
    void start(@Observes @Priority(210) StartupEvent event) {
        if (!roles.runs(Role.API) || !config.scheduled()) {
            return;
        }
        String instance = Alerts.instanceName();
        ScheduledChecks scheduled = checks.get().scheduled(new ScheduledChecks.Settings(config.interval(),
                config.domains().orElse(List.of()), config.reportedDays(), config.maxDomains(),
                config.concurrency(), config.maxReportedOnly()), this::namedDomains, instance, config.lease());
        schedule = new AlertSchedule("checks", scheduled::run, config.tick());
        schedule.start(config.tick());
        schedule.requestSoon();
        LOG.infof("domains checked every %s (looked for every %s), as %s", config.interval(), config.tick(),
                instance);
    }

    /** The domains valid tokens' scopes and alert rules name: checked before those only reports name. */
    private Set<String> namedDomains() throws SQLException {
        Set<String> named = new TreeSet<>();
        for (StoredToken token : tokens.get().list()) {
            if (token.revokedAt() == null && !token.scope().allDomains()) {
                named.addAll(token.scope().domains());
            }
        }
        for (AlertRule rule : alerts.get().rules().list(Scope.all())) {
            if (rule.domain() != null) {
                named.add(rule.domain());
            } else if (!rule.owner().allDomains()) {
                named.addAll(rule.owner().domains());
            }
        }
        return named;
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (schedule != null) {
            schedule.close();
        }
    }
}
