package org.tlsrpt.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The overlays under k8s/overlays, each rendered once per test run. */
final class Overlays {

    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private Overlays() {
    }

    static Path k8sDir() {
        return Path.of(System.getProperty("tlsrpt.k8s.dir", "."));
    }

    /** Every overlay directory's name; a new overlay is checked without touching the tests. */
    static Stream<String> names() {
        try (Stream<Path> dirs = Files.list(k8sDir().resolve("overlays"))) {
            List<String> names = dirs.filter(dir -> Files.exists(dir.resolve("kustomization.yaml")))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no overlays under " + k8sDir().resolve("overlays"));
            }
            return names.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RenderedOverlay rendered(String name) {
        return new RenderedOverlay(name, RENDERED.computeIfAbsent(name, Overlays::render));
    }

    private static List<JsonNode> render(String name) {
        try {
            return Kustomize.render(k8sDir().resolve("overlays").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
