package org.tlsrpt.app.roles;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.tlsrpt.api.alert.AlertConfig;
import org.tlsrpt.api.alert.AlertEvaluator;
import org.tlsrpt.api.alert.AlertSchedule;
import org.tlsrpt.api.alert.Alerts;
import org.tlsrpt.app.config.Role;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * Alert rules and webhooks: the {@link Alerts} the api role's resources use, and, in the processor role, their
 * evaluation every {@code tlsrpt.alerts.interval} and soon after the processor stored reports ({@link ReportsStored}),
 * debounced so a burst of batches evaluates once.
 */
@ApplicationScoped
public class AlertBeans {

    private static final Logger LOG = Logger.getLogger(AlertBeans.class);

    @Inject
    AlertConfig config;

    @Inject
    ActiveRoles roles;

    @Inject
    Instance<Alerts> alerts;

    private AlertSchedule schedule;

    @Produces
    @Singleton
    Alerts alerts(ClickHouseConnector connector, AlertConfig alertConfig) {
        return new Alerts(connector, alertConfig.settings());
    }

    void closeAlerts(@Disposes Alerts closing) throws InterruptedException {
        closing.close();
    }

    /** After the infrastructure (priority 10) and the processor's schema migration are up. */
    void start(@Observes @Priority(200) StartupEvent event) {
        config.settings(); // a malformed tlsrpt.alerts.allowed-cidrs entry fails the start, with the reason
        if (!roles.runs(Role.PROCESSOR)) {
            return;
        }
        String instance = Alerts.instanceName();
        AlertEvaluator evaluator = alerts.get().evaluator(instance);
        schedule = new AlertSchedule(evaluator::evaluate, config.debounce());
        schedule.start(config.interval());
        LOG.infof("alert rules evaluated every %s and after stored reports, as %s", config.interval(), instance);
    }

    void onReportsStored(@Observes ReportsStored stored) {
        requestEvaluation();
    }

    void onReportsStoredAsync(@ObservesAsync ReportsStored stored) {
        requestEvaluation();
    }

    private void requestEvaluation() {
        AlertSchedule current = schedule;
        if (current != null) {
            current.requestSoon();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (schedule != null) {
            schedule.close();
        }
    }
}
