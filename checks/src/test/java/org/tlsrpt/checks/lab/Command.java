package org.tlsrpt.checks.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program of the lab's (openssl, ldns-keygen, ldns-signzone, mta-sts-query) to completion. */
public final class Command {

    /** What a finished program printed. */
    public record Output(int exitCode, String stdout, String stderr) {
    }

    private Command() {
    }

    public static Output run(Path directory, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        try {
            // read both streams fully; these programs print little
            var out = process.getInputStream().readAllBytes();
            var err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command + " did not finish");
            }
            return new Output(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    /** Runs and insists on success; returns stdout. */
    public static String check(Path directory, String... command) throws IOException {
        Output output = run(directory, List.of(command));
        if (output.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + output.exitCode() + "): "
                    + output.stderr() + output.stdout());
        }
        return output.stdout();
    }
}
