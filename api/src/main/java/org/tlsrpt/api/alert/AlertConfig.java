package org.tlsrpt.api.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.tlsrpt.api.alert.webhook.Cidr;
import org.tlsrpt.api.alert.webhook.RetryPolicy;

/** Alert rules and webhooks ({@code tlsrpt.alerts.*}). */
@ConfigMapping(prefix = "tlsrpt.alerts")
public interface AlertConfig {

    /** How often the processor evaluates every rule (besides soon after data arrives). */
    @WithDefault("1m")
    Duration interval();

    /** After stored data, the least time between two evaluations: a burst of batches evaluates once. */
    @WithDefault("5s")
    Duration debounce();

    /** Let webhooks call loopback, private, link-local and CGNAT addresses (SSRF protection off). */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** Address ranges webhooks may call even when private targets are not allowed, e.g. {@code 10.20.0.0/16}. */
    Optional<List<String>> allowedCidrs();

    /** How long one processor holds the evaluation lease; another takes over after it expires. */
    @WithDefault("90s")
    Duration lease();

    Delivery delivery();

    interface Delivery {
        /** Time to establish a connection to a webhook. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Time to wait for the receiver's answer once connected. */
        @WithDefault("10s")
        Duration timeout();

        /** Attempts per delivery, the first included. */
        @WithDefault("5")
        int maxAttempts();

        /** Wait after the first failed attempt; doubles after each. */
        @WithDefault("2s")
        Duration initialBackoff();

        /** Longest wait between two attempts. */
        @WithDefault("2m")
        Duration maxBackoff();

        /** Deliveries running at the same time. */
        @WithDefault("4")
        int threads();
    }

    /** The plain settings; refuses a malformed CIDR with the reason. */
    default AlertSettings settings() {
        List<Cidr> cidrs = allowedCidrs().orElse(List.of()).stream().filter(s -> !s.isBlank()).map(Cidr::parse)
                .toList();
        Delivery delivery = delivery();
        return new AlertSettings(allowPrivateTargets(), cidrs, delivery.connectTimeout(), delivery.timeout(),
                new RetryPolicy(delivery.maxAttempts(), delivery.initialBackoff(), delivery.maxBackoff()), lease(),
                delivery.threads());
    }
}
