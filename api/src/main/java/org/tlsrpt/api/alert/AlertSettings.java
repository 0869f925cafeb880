package org.tlsrpt.api.alert;

import java.time.Duration;
import java.util.List;
import org.tlsrpt.api.alert.webhook.Cidr;
import org.tlsrpt.api.alert.webhook.RetryPolicy;

/**
 * The alert settings as plain values (the app fills them from {@link AlertConfig}; tests build them directly).
 *
 * @param allowPrivateTargets whether webhooks may call loopback, private and link-local addresses
 * @param allowedCidrs        ranges allowed even when private targets are not
 * @param lease               how long one instance holds the evaluation lease without renewing it
 */
public record AlertSettings(boolean allowPrivateTargets, List<Cidr> allowedCidrs, Duration connectTimeout,
        Duration requestTimeout, RetryPolicy retry, Duration lease, int deliveryThreads) {

    public AlertSettings {
        allowedCidrs = List.copyOf(allowedCidrs);
    }

    public static AlertSettings defaults() {
        return new AlertSettings(false, List.of(), Duration.ofSeconds(5), Duration.ofSeconds(10),
                new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofMinutes(2)), Duration.ofSeconds(90), 4);
    }

    public AlertSettings withAllowedCidrs(List<Cidr> cidrs) {
        return new AlertSettings(allowPrivateTargets, cidrs, connectTimeout, requestTimeout, retry, lease,
                deliveryThreads);
    }

    public AlertSettings withRetry(RetryPolicy policy) {
        return new AlertSettings(allowPrivateTargets, allowedCidrs, connectTimeout, requestTimeout, policy, lease,
                deliveryThreads);
    }
}
