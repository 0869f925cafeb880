package org.tlsrpt.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay renders with kubectl, and every object it renders is valid for its API. */
class ManifestSchemaTest {

    private final ApiSchemas schemas = new ApiSchemas();

    static Stream<String> overlays() {
        return Overlays.names();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyRenderedObjectIsValidForItsApi(String overlay) {
        RenderedOverlay rendered = Overlays.rendered(overlay);
        assertThat(rendered.objects()).as("objects rendered by %s", overlay).hasSizeGreaterThan(20);

        List<String> problems = new ArrayList<>();
        for (JsonNode object : rendered.objects()) {
            String label = object.path("kind").asText() + " " + object.path("metadata").path("name").asText();
            schemas.problems(object).forEach(problem -> problems.add(label + ": " + problem));
        }
        assertThat(problems).as("schema problems in overlay %s", overlay).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyOverlayRendersEveryKindTheDeploymentNeeds(String overlay) {
        RenderedOverlay rendered = Overlays.rendered(overlay);
        List<String> kinds = rendered.objects().stream()
                .map(o -> o.path("apiVersion").asText() + "/" + o.path("kind").asText()).distinct().toList();
        assertThat(kinds).containsExactlyInAnyOrderElementsOf(ApiSchemas.knownKinds());
    }
}
