package org.tlsrpt.embedded.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddedClickHouseConfigTest {

    private static final Path DIR = Path.of("data");

    @Test
    void defaultsListenOn8123WithASmallChildHeap() {
        EmbeddedClickHouseConfig config = EmbeddedClickHouseConfig.defaults(DIR);
        assertThat(config.port()).isEqualTo(8123);
        assertThat(config.user()).isEqualTo("default");
        assertThat(config.password()).hasSizeGreaterThanOrEqualTo(40)
                .isNotEqualTo(EmbeddedClickHouseConfig.defaults(DIR).password());
        assertThat(config.toString()).doesNotContain(config.password());
        assertThat(config.childMaxHeap()).isEqualTo("256m");
        assertThat(config.chdbLibrary().getFileName()).hasToString("libchdb.so");
    }

    @Test
    void refusesInvalidValuesWithTheReason() {
        EmbeddedClickHouseConfig d = EmbeddedClickHouseConfig.defaults(DIR);
        assertThatThrownBy(() -> d.withPort(-1)).hasMessageContaining("clickhouse port");
        assertThatThrownBy(() -> d.withCredentials("bad user", "pw")).hasMessageContaining("user");
        assertThatThrownBy(() -> d.withCredentials("default", "")).hasMessageContaining("password");
        assertThatThrownBy(() -> new EmbeddedClickHouseConfig(DIR, 0, "u", "pw", "lots", d.chdbLibrary(), 4,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("childMaxHeap");
        assertThatThrownBy(() -> new EmbeddedClickHouseConfig(DIR, 0, "u", "pw", "256m", d.chdbLibrary(), 0,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("connections");
        assertThatThrownBy(() -> new EmbeddedClickHouseConfig(DIR, 0, "u", "pw", "256m", d.chdbLibrary(), 4,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff");
    }

    @Test
    void aMissingLibraryFailsWithWhatToDo() {
        EmbeddedClickHouseConfig config = new EmbeddedClickHouseConfig(DIR, 0, "u", "pw", "256m",
                Path.of("/nonexistent/libchdb.so"), 4, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        assertThatThrownBy(() -> EmbeddedClickHouse.start(config))
                .isInstanceOf(EmbeddedClickHouseException.class)
                .hasMessageContaining("npm").hasMessageContaining(EmbeddedClickHouseConfig.LIBRARY_PROPERTY);
    }
}
