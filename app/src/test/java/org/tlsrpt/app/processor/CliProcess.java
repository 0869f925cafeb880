package org.tlsrpt.app.processor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@code tlsrpt} command run from the packaged application, as {@code bin/tlsrpt COMMAND} runs it. */
public record CliProcess(int exitCode, String out, String err) {

    public static CliProcess run(List<String> settings, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        settings.forEach(setting -> command.add("-D" + setting));
        command.addAll(List.of("-jar", System.getProperty("tlsrpt.app.jar")));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("tlsrpt-cli", ".out");
        Path err = Files.createTempFile("tlsrpt-cli", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("tlsrpt " + List.of(args) + " did not finish");
            }
            return new CliProcess(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
