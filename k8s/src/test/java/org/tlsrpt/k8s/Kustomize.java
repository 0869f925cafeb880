package org.tlsrpt.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Renders a kustomization with {@code kubectl kustomize}, as an operator would before applying it. */
final class Kustomize {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Kustomize() {
    }

    /** The objects {@code kubectl kustomize dir} prints, in order. Fails on any error kubectl reports. */
    static List<JsonNode> render(Path dir) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("kustomize", ".yaml");
        Path stderr = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder(kubectl(), "kustomize", dir.toString())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in 2 minutes");
            }
            String errors = unexpectedErrors(Files.readString(stderr, StandardCharsets.UTF_8));
            if (process.exitValue() != 0 || !errors.isEmpty()) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed (exit " + process.exitValue()
                        + "):\n" + errors);
            }
            List<JsonNode> objects = new ArrayList<>();
            try (var parser = YAML.getFactory().createParser(stdout.toFile())) {
                YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                    if (node != null && !node.isNull() && !node.isMissingNode()) {
                        objects.add(node);
                    }
                });
            }
            return objects;
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /**
     * kubectl 1.21 and later warn that {@code bases} and {@code patchesStrategicMerge} are deprecated; the
     * overlays keep them so that Debian's kubectl 1.20 (kustomize 2.0) renders them too. Anything else counts.
     */
    static String unexpectedErrors(String stderr) {
        return stderr.lines()
                .filter(line -> !line.isBlank())
                .filter(line -> !(line.startsWith("# Warning: '") && line.contains("' is deprecated.")))
                .collect(Collectors.joining("\n"));
    }

    private static String kubectl() {
        String configured = System.getProperty("tlsrpt.kubectl", "kubectl");
        if (configured.contains("/")) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, configured))) {
                return Path.of(dir, configured).toString();
            }
        }
        throw new IllegalStateException(configured + " not found on PATH: run bin/install-prerequisites "
                + "(installs Debian's kubernetes-client) or pass -Dkubectl=/path/to/kubectl");
    }
}
