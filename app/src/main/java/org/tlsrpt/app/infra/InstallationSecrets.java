package org.tlsrpt.app.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.tlsrpt.api.auth.TokenHasher;

/**
 * Secrets an installation makes for itself when the operator configured none, kept under
 * {@code <data-dir>/secrets/} (mode 0700, each file 0600) so that they are the same at every start and readable by
 * the commands ({@code tlsrpt token}, {@code migrate}, …) run by the same user, and by nobody else:
 * the embedded ClickHouse's password, the API token pepper, and the token generated on the first start of a
 * process that is not run from a terminal.
 */
public final class InstallationSecrets {

    static final String CLICKHOUSE_PASSWORD = "clickhouse-password";
    static final String TOKEN_PEPPER = "api-token-pepper";
    static final String FIRST_START_TOKEN = "first-start-token";

    private final Path dir;

    private InstallationSecrets(Path dir) {
        this.dir = dir;
    }

    public static InstallationSecrets of(Path dataDir) {
        return new InstallationSecrets(dataDir.toAbsolutePath().resolve("secrets"));
    }

    public Path dir() {
        return dir;
    }

    /** The embedded ClickHouse's password, made on first use. */
    public String clickHousePassword() {
        return readOrCreate(CLICKHOUSE_PASSWORD);
    }

    /** The embedded ClickHouse's password, if a {@code tlsrpt run} on this data directory made one. */
    public Optional<String> existingClickHousePassword() {
        return read(dir.resolve(CLICKHOUSE_PASSWORD));
    }

    /**
     * How stored API tokens are hashed: under the configured pepper, else this installation's own (made on first
     * use; the former built-in default was public, so anyone could compute a hash to insert).
     */
    public TokenHasher tokenHasher(Optional<String> configuredPepper) {
        return new TokenHasher(configuredPepper.filter(pepper -> !pepper.isBlank())
                .orElseGet(() -> readOrCreate(TOKEN_PEPPER)));
    }

    /** Where the first start writes the token it generated when no terminal can show it. */
    public Path firstStartTokenFile() {
        return dir.resolve(FIRST_START_TOKEN);
    }

    /** Writes the token generated on the first start, readable by its owner only; returns where. */
    public Path writeFirstStartToken(String token) throws IOException {
        return write(FIRST_START_TOKEN, token);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Path temporary = ownerOnly(name, text);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return file;
    }

    private synchronized String readOrCreate(String name) {
        Path file = dir.resolve(name);
        Optional<String> existing = read(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Path temporary = ownerOnly(name, secret);
            try {
                // a link, not a move: of two processes starting at once, the first one's secret wins for both
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException lostTheRace) {
                return read(file).orElseThrow(() -> lostTheRace);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a generated secret in " + file + ": " + e.getMessage(), e);
        }
    }

    /** A new file in the secrets directory holding {@code text}, created with mode 0600 (never readable by others). */
    private Path ownerOnly(String name, String text) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        Path temporary = Files.createTempFile(dir, name, ".new", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, text + "\n", StandardCharsets.UTF_8);
        return temporary;
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(s -> !s.isEmpty());
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
