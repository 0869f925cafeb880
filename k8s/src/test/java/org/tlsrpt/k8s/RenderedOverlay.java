package org.tlsrpt.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/** The objects one overlay renders to, with the look-ups the invariant tests need. */
record RenderedOverlay(String name, List<JsonNode> objects) {

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    JsonNode get(String kind, String objectName) {
        return ofKind(kind).stream()
                .filter(o -> o.path("metadata").path("name").asText().equals(objectName))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException(name + ": no " + kind + " named " + objectName));
    }

    /** Pod templates of the workloads this project runs itself (Deployments and Jobs), with a label for messages. */
    List<Labelled> podTemplates() {
        List<Labelled> templates = new ArrayList<>();
        for (String kind : List.of("Deployment", "Job")) {
            for (JsonNode workload : ofKind(kind)) {
                templates.add(new Labelled(kind + " " + workload.path("metadata").path("name").asText(),
                        kind, workload.path("spec").path("template")));
            }
        }
        return templates;
    }

    record Labelled(String label, String kind, JsonNode node) {
    }
}
