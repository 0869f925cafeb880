package org.tlsrpt.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"80", "c0af", "c1bf", "e080af", "eda080", "edbfbf", "f08080af", "f4908080", "f888808080",
            "fe", "ff", "c3", "e282", "f09f98", "c328"})
    void invalidSequencesAreFound(String hex) {
        byte[] bytes = ("{\"a\":\"x" + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] sequence = HexFormat.of().parseHex(hex);
        byte[] input = new byte[bytes.length + sequence.length];
        System.arraycopy(bytes, 0, input, 0, 7);
        System.arraycopy(sequence, 0, input, 7, sequence.length);
        System.arraycopy(bytes, 7, input, 7 + sequence.length, bytes.length - 7);

        assertThat(Utf8.firstInvalid(input, 0, input.length)).isEqualTo(7);
    }

    @Property(tries = 500)
    void everyJavaStringEncodesToValidUtf8(@ForAll String text) {
        String wellFormed = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        byte[] bytes = ("padding " + wellFormed + " more padding").getBytes(StandardCharsets.UTF_8);

        assertThat(Utf8.firstInvalid(bytes, 0, bytes.length)).isEqualTo(-1);
    }

    @Property(tries = 500)
    void agreesWithTheJdkDecoder(@ForAll byte[] bytes) {
        boolean jdkValid;
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            jdkValid = true;
        } catch (java.nio.charset.CharacterCodingException e) {
            jdkValid = false;
        }

        assertThat(Utf8.firstInvalid(bytes, 0, bytes.length) < 0).isEqualTo(jdkValid);
    }
}
