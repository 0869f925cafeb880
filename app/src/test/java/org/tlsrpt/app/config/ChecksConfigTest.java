package org.tlsrpt.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tlsrpt.checks.CheckSettings;

class ChecksConfigTest {

    private static ChecksConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(ChecksConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 400))
                .build()
                .getConfigMapping(ChecksConfig.class);
    }

    @Test
    void theDefaultsAreTheLibrarysDefaults() {
        ChecksConfig config = config(Map.of());

        assertThat(config.settings()).isEqualTo(CheckSettings.DEFAULTS);
        assertThat(config.interval()).isEqualTo(Duration.ofHours(6));
        assertThat(ConfigCheck.problems(config)).isEmpty();
    }

    @Test
    void everySettingReachesTheLibrary() {
        ChecksConfig config = config(Map.ofEntries(Map.entry("tlsrpt.checks.resolver", "127.0.0.2:53"),
                Map.entry("tlsrpt.checks.trust-anchors", "/etc/anchors"),
                Map.entry("tlsrpt.checks.trust-store", "/etc/cas.pem"),
                Map.entry("tlsrpt.checks.smtp-port", "2525"), Map.entry("tlsrpt.checks.https-port", "8443"),
                Map.entry("tlsrpt.checks.allow-private-targets", "true"),
                Map.entry("tlsrpt.checks.dns-timeout", "1s"), Map.entry("tlsrpt.checks.connect-timeout", "2s"),
                Map.entry("tlsrpt.checks.io-timeout", "3s"), Map.entry("tlsrpt.checks.concurrency", "2"),
                Map.entry("tlsrpt.checks.expiry-warning-days", "30"),
                Map.entry("tlsrpt.checks.ehlo-name", "checker.example")));

        CheckSettings settings = config.settings();
        assertThat(settings.resolver()).contains("127.0.0.2:53");
        assertThat(settings.trustAnchors()).contains(Path.of("/etc/anchors"));
        assertThat(settings.trustStore()).contains(Path.of("/etc/cas.pem"));
        assertThat(settings.smtpPort()).isEqualTo(2525);
        assertThat(settings.httpsPort()).isEqualTo(8443);
        assertThat(settings.allowPrivateTargets()).isTrue();
        assertThat(settings.dnsTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.ioTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.concurrency()).isEqualTo(2);
        assertThat(settings.expiryWarningDays()).isEqualTo(30);
        assertThat(settings.ehloName()).isEqualTo("checker.example");
    }

    @Test
    void unusableValuesAreNamed() {
        assertThat(ConfigCheck.problems(config(Map.of("tlsrpt.checks.concurrency", "0"))))
                .anySatisfy(p -> assertThat(p).contains("concurrency"));
        assertThat(ConfigCheck.problems(config(Map.of("tlsrpt.checks.trust-store", "/nonexistent/cas.pem"))))
                .anySatisfy(p -> assertThat(p).contains("trust-store").contains("cannot read"));
        assertThat(ConfigCheck.problems(config(Map.of("tlsrpt.checks.resolver", "a b; rm"))))
                .anySatisfy(p -> assertThat(p).contains("host:port"));
        assertThat(ConfigCheck.problems(config(Map.of("tlsrpt.checks.interval", "0s"))))
                .anySatisfy(p -> assertThat(p).contains("interval"));
    }
}
