package org.tlsrpt.app.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallationSecretsTest {

    @TempDir
    Path dataDir;

    @Test
    void aGeneratedSecretIsKeptReadableByItsOwnerOnlyAndTheSameAtTheNextStart() throws Exception {
        InstallationSecrets secrets = InstallationSecrets.of(dataDir);
        assertThat(secrets.existingClickHousePassword()).isEmpty();

        String password = secrets.clickHousePassword();

        assertThat(password).hasSizeGreaterThanOrEqualTo(40);
        assertThat(InstallationSecrets.of(dataDir).clickHousePassword()).isEqualTo(password);
        assertThat(InstallationSecrets.of(dataDir).existingClickHousePassword()).hasValue(password);
        Path file = dataDir.resolve("secrets").resolve("clickhouse-password");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(InstallationSecrets.of(dataDir.resolve("elsewhere")).clickHousePassword()).isNotEqualTo(password);
    }

    @Test
    void theTokenPepperIsTheConfiguredOneElseThisInstallationsOwn() throws Exception {
        InstallationSecrets secrets = InstallationSecrets.of(dataDir);
        String token = "tlsrpt_0123456789ab_secret";

        String own = secrets.tokenHasher(Optional.empty()).hash(token);

        assertThat(InstallationSecrets.of(dataDir).tokenHasher(Optional.empty()).hash(token)).isEqualTo(own);
        assertThat(secrets.tokenHasher(Optional.of("configured")).hash(token)).isNotEqualTo(own);
        assertThat(secrets.tokenHasher(Optional.of("tlsrpt-token-pepper-v1")).hash(token))
                .as("the former public default is no installation's pepper").isNotEqualTo(own);
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("secrets").resolve("api-token-pepper")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}
