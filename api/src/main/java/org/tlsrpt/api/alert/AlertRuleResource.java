package org.tlsrpt.api.alert;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import org.tlsrpt.api.owned.OwnedEntities;
import org.tlsrpt.api.owned.OwnedResource;

/** {@code /api/v1/alert-rules}: the caller's alert rules (see docs/alerts.md). */
@Path("/api/v1/alert-rules")
public class AlertRuleResource extends OwnedResource<RuleInput, AlertRule, RuleView> {

    @Inject
    Alerts alerts;

    @Override
    protected OwnedEntities<RuleInput, AlertRule> entities() {
        return alerts.rules();
    }

    @Override
    protected RuleView view(AlertRule rule) {
        return RuleView.of(rule);
    }
}
