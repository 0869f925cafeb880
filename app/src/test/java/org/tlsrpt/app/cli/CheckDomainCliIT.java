package org.tlsrpt.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.checks.lab.Lab;

/**
 * The packaged {@code tlsrpt check-domain} against the checks' lab (real NSD, SMTP and HTTPS servers), configured
 * only by {@code TLSRPT_CHECKS_*} environment variables, as an operator would.
 */
class CheckDomainCliIT {

    @TempDir
    static Path dir;
    static Lab lab;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void startLab() throws IOException {
        lab = Lab.start(dir);
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-jar", System.getProperty("tlsrpt.app.jar"), "check-domain"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(Map.of(
                "TLSRPT_CHECKS_RESOLVER", Lab.DNS + ":53",
                "TLSRPT_CHECKS_TRUST_ANCHORS", lab.trustAnchors().toString(),
                "TLSRPT_CHECKS_TRUST_STORE", lab.caPem().toString(),
                "TLSRPT_CHECKS_ALLOW_PRIVATE_TARGETS", "true",
                "TLSRPT_CHECKS_IO_TIMEOUT", "10s"));
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("check-domain did not finish");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void jsonIsOneObjectPerDomainAndLineAndTheExitStatusSaysWhetherAllIsOk() throws Exception {
        Run run = run("--json", "good.lab", "expired.lab");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode good = mapper.readTree(lines.get(0));
        JsonNode expired = mapper.readTree(lines.get(1));
        assertThat(good.get("domain").asText()).isEqualTo("good.lab");
        assertThat(good.get("checkedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(good.get("results")).isNotEmpty().allSatisfy(result -> {
            assertThat(result.get("resultType").asText()).as(result.toString()).isEqualTo("ok");
            assertThat(result.has("check") && result.has("target") && result.has("detail")).isTrue();
        });
        assertThat(expired.get("domain").asText()).isEqualTo("expired.lab");
        assertThat(expired.get("results")).anySatisfy(result -> {
            assertThat(result.get("check").asText()).isEqualTo("certificate-expiry");
            assertThat(result.get("target").asText()).isEqualTo("mx-expired.lab");
            assertThat(result.get("resultType").asText()).isEqualTo("certificate-expired");
            assertThat(result.get("rfc8460").asBoolean()).isTrue();
        });
        assertThat(expired.get("results")).anySatisfy(result ->
                assertThat(result.get("resultType").asText()).isEqualTo("sts-policy-invalid"));
    }

    @Test
    void aDomainWhereAllIsOkExitsZeroWithATable() throws Exception {
        Run run = run("good.lab");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("good.lab  checked ").contains("all ok")
                .contains("dane", "mx-good.lab", "TLSA 3 1 1");
        System.out.println(run.out());
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        assertThat(run().exitCode()).isEqualTo(2);
        assertThat(run("--bogus", "good.lab").exitCode()).isEqualTo(2);
    }
}
