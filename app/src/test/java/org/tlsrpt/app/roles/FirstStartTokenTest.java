package org.tlsrpt.app.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.api.auth.TokenText;
import org.tlsrpt.app.infra.InstallationSecrets;

/** The token generated on the first start never reaches a log: pod logs are read by many. */
class FirstStartTokenTest {

    @TempDir
    Path dataDir;

    @Test
    void withoutATerminalTheTokenGoesToAFileOnlyItsOwnerCanReadAndTheLogSaysOnlyWhere() throws Exception {
        TokenText token = TokenText.generate();
        InstallationSecrets secrets = InstallationSecrets.of(dataDir);

        String logged = FirstStartToken.handOver(token, null, secrets);

        assertThat(logged).doesNotContain(token.text()).contains(secrets.firstStartTokenFile().toString());
        assertThat(Files.readString(secrets.firstStartTokenFile()).strip()).isEqualTo(token.text());
        assertThat(Files.getPosixFilePermissions(secrets.firstStartTokenFile()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void anInteractiveStartShowsItOnTheTerminalOnly() throws Exception {
        TokenText token = TokenText.generate();
        InstallationSecrets secrets = InstallationSecrets.of(dataDir);
        StringWriter terminal = new StringWriter();

        String logged = FirstStartToken.handOver(token, new PrintWriter(terminal), secrets);

        assertThat(terminal.toString()).contains(token.text());
        assertThat(logged).doesNotContain(token.text());
        assertThat(secrets.firstStartTokenFile()).doesNotExist();
    }
}
