package org.tlsrpt.app.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.tlsrpt.app.testing.AppProcess;
import org.tlsrpt.embedded.FreePorts;
import org.tlsrpt.embedded.kafka.EmbeddedKafka;
import org.tlsrpt.embedded.kafka.EmbeddedKafkaConfig;

/**
 * One packaged application in the {@code ingest} role, shared by the test classes that use this extension and
 * stopped at the end of the run: HTTPS from an openssl certificate plus plain HTTP, SMTP, a Kafka broker in the
 * test JVM as its external Kafka, a tiny per-client rate ({@value #BURST} at once, then one a minute), a short HTTP
 * idle timeout and a 256 MB heap.
 */
final class RunningIngest implements ParameterResolver, ExtensionContext.Store.CloseableResource, AutoCloseable {

    static final int BURST = 20;
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);

    final Path workDir;
    final EmbeddedKafka kafka;
    final SelfSignedPem tls;
    final AppProcess app;
    final int httpsPort;
    final int smtpPort;

    /** For JUnit, which instantiates the extension; the shared state lives in the root store. */
    RunningIngest() {
        workDir = null;
        kafka = null;
        tls = null;
        app = null;
        httpsPort = -1;
        smtpPort = -1;
    }

    private RunningIngest(Path workDir, EmbeddedKafka kafka, SelfSignedPem tls, AppProcess app, int httpsPort,
            int smtpPort) {
        this.workDir = workDir;
        this.kafka = kafka;
        this.tls = tls;
        this.app = app;
        this.httpsPort = httpsPort;
        this.smtpPort = smtpPort;
    }

    int httpPort() {
        return app.httpPort();
    }

    private static RunningIngest start() {
        Path workDir = null;
        EmbeddedKafka kafka = null;
        try {
            workDir = Files.createTempDirectory("tlsrpt-ingest-it");
            SelfSignedPem tls = SelfSignedPem.generate(workDir);
            kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(workDir.resolve("broker")).withPorts(0, 0));
            int httpsPort = FreePorts.pick();
            int smtpPort = FreePorts.pick();
            AppProcess app = AppProcess.packaged().settings(List.of(
                    "tlsrpt.roles=ingest",
                    "tlsrpt.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "tlsrpt.ingest.smtp.host=127.0.0.1",
                    "tlsrpt.ingest.smtp.port=" + smtpPort,
                    "tlsrpt.ingest.http.rate-per-minute=1",
                    "tlsrpt.ingest.http.burst=" + BURST,
                    "quarkus.http.ssl-port=" + httpsPort,
                    "quarkus.http.ssl.certificate.files=" + tls.certificate(),
                    "quarkus.http.ssl.certificate.key-files=" + tls.key(),
                    "quarkus.http.insecure-requests=enabled",
                    "quarkus.http.idle-timeout=" + IDLE_TIMEOUT.toSeconds() + "s"))
                    .startReady(workDir, Duration.ofSeconds(120));
            return new RunningIngest(workDir, kafka, tls, app, httpsPort, smtpPort);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            }
            deleteQuietly(workDir);
            throw new IllegalStateException("could not start the ingest application", e);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningIngest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningIngest.class, key -> start(), RunningIngest.class);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            app.close();
        } finally {
            kafka.close();
            deleteQuietly(workDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
