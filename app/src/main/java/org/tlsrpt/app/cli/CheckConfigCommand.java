package org.tlsrpt.app.cli;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.List;
import java.util.concurrent.Callable;
import org.tlsrpt.app.config.ChecksConfig;
import org.tlsrpt.app.config.ConfigCheck;
import org.tlsrpt.app.config.ProcessorSettings;
import org.tlsrpt.app.config.Role;
import org.tlsrpt.app.config.TlsrptConfig;
import picocli.CommandLine.Command;

/**
 * {@code tlsrpt check-config}: reads the configuration the way {@code run} would (application.properties, system
 * properties, environment) without starting anything, and lists every problem with its reason.
 */
@Command(name = "check-config",
        description = {"Check the configuration and say what is wrong with it.",
                "Exit status 0 when it is valid, 1 otherwise."})
public final class CheckConfigCommand implements Callable<Integer> {

    private final Streams streams;

    CheckConfigCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        return run(streams.out(), streams.err());
    }

    static int run(PrintStream out, PrintStream err) {
        SmallRyeConfig config;
        try {
            config = load();
        } catch (RuntimeException e) {
            err.println("invalid configuration: " + e.getMessage());
            return 1;
        }
        TlsrptConfig tlsrpt = config.getConfigMapping(TlsrptConfig.class);
        int httpPort = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        int managementPort = config.getOptionalValue("quarkus.management.port", Integer.class).orElse(9000);
        List<String> problems = new java.util.ArrayList<>(ConfigCheck.problems(tlsrpt, httpPort, managementPort));
        problems.addAll(ConfigCheck.problems(config.getConfigMapping(ProcessorSettings.class)));
        problems.addAll(ConfigCheck.secretProblems(tlsrpt, config));
        problems.addAll(ConfigCheck.problems(config.getConfigMapping(ChecksConfig.class)));
        if (!problems.isEmpty()) {
            err.println("invalid configuration:");
            problems.forEach(problem -> err.println("  - " + problem));
            return 1;
        }
        out.println("configuration is valid: roles " + Role.expand(tlsrpt.roles())
                + ", Kafka " + tlsrpt.kafka().bootstrapServers().orElse("embedded")
                + ", ClickHouse " + tlsrpt.clickhouse().jdbcUrl().orElse("embedded")
                + ", data " + tlsrpt.dataDir().toAbsolutePath());
        return 0;
    }

    static SmallRyeConfig load(Class<?>... moreMappings) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .addDefaultInterceptors()
                .withProfile("prod")
                // durations as Quarkus reads them ("10s"), not only ISO-8601 ("PT10S")
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withMapping(TlsrptConfig.class)
                .withMapping(ProcessorSettings.class)
                .withMapping(ChecksConfig.class);
        for (Class<?> mapping : moreMappings) {
            builder.withMapping(mapping);
        }
        URL properties = CheckConfigCommand.class.getClassLoader().getResource("application.properties");
        if (properties != null) {
            try {
                builder.withSources(new PropertiesConfigSource(properties, 250));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return builder.build();
    }
}
