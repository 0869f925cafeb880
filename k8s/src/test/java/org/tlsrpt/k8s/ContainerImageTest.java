package org.tlsrpt.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No container engine runs here or in CI, so the image's build file is checked instead: it packages the Quarkus
 * fast-jar, runs as the same unprivileged user the manifests require, and takes the command (run, migrate) as
 * its arguments, as the Deployments and the Job pass them.
 */
class ContainerImageTest {

    private static final Path DOCKERFILE = Overlays.k8sDir().resolve("../app/src/main/docker/Dockerfile.jvm");

    private static List<String> instructions() throws IOException {
        return Files.readAllLines(DOCKERFILE).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static String last(String instruction) throws IOException {
        return instructions().stream().filter(line -> line.startsWith(instruction + " "))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no " + instruction));
    }

    @Test
    void theBaseImageIsPinnedToATag() throws IOException {
        String from = last("FROM").substring("FROM ".length());
        assertThat(from).contains(":").doesNotEndWith(":latest");
    }

    @Test
    void theImageRunsTheFastJarAsAnUnprivilegedUser() throws IOException {
        assertThat(instructions()).contains(
                "COPY --chown=185:185 target/quarkus-app/lib/ /deployments/lib/",
                "COPY --chown=185:185 target/quarkus-app/*.jar /deployments/",
                "COPY --chown=185:185 target/quarkus-app/app/ /deployments/app/",
                "COPY --chown=185:185 target/quarkus-app/quarkus/ /deployments/quarkus/");
        assertThat(last("USER")).isEqualTo("USER 185");
        assertThat(last("ENTRYPOINT")).isEqualTo("ENTRYPOINT [\"java\", \"-jar\", \"/deployments/quarkus-run.jar\"]");
        assertThat(last("CMD")).isEqualTo("CMD [\"run\"]");
        // Quarkus reads config/application.properties from the working directory: where k8s/ mounts it.
        assertThat(last("WORKDIR")).isEqualTo("WORKDIR /deployments");
        assertThat(instructions()).noneMatch(line -> line.startsWith("ADD ") || line.startsWith("RUN "));
    }

    @Test
    void theManifestsRunAsTheImagesUser() {
        Overlays.names().forEach(overlay -> {
            for (RenderedOverlay.Labelled template : Overlays.rendered(overlay).podTemplates()) {
                JsonNode security = template.node().path("spec").path("securityContext");
                assertThat(security.path("runAsUser").asInt()).as(template.label()).isEqualTo(185);
            }
        });
        JsonNode mount = Overlays.rendered("production").get("Deployment", "tlsrpt-ingest")
                .findValues("volumeMounts").get(0);
        assertThat(mount.findValuesAsText("mountPath")).contains("/deployments/config");
    }
}
