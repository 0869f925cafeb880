package org.tlsrpt.api.alert;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import org.tlsrpt.api.owned.OwnedEntities;
import org.tlsrpt.api.owned.OwnedResource;

/** {@code /api/v1/alert-rules}: the caller's alert rules (see docs/alerts.md). */
@Path(AlertRuleResource.PATH)
public class AlertRuleResource extends OwnedResource<RuleInput, AlertRule, RuleView> {

    static final String PATH = "/api/v1/alert-rules";

    @Inject
    Alerts alerts;

    @Override
    protected OwnedEntities<RuleInput, AlertRule> entities() {
        return alerts.rules();
    }

    @Override
    protected String path() {
        return PATH;
    }

    @Override
    protected RuleView view(AlertRule rule) {
        return RuleView.of(rule);
    }
}
