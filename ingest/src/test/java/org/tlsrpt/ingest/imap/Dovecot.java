package org.tlsrpt.ingest.imap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Dovecot (Debian's dovecot-imapd) for one test class: its own config, passwd-file user and maildir under a
 * temporary directory, IMAP (with STARTTLS) and IMAPS on free loopback ports, TLS with a self-signed certificate
 * made by openssl. Runs as root without systemd: {@code dovecot -c FILE}, stopped with {@code doveadm -c FILE stop}.
 */
public final class Dovecot implements AutoCloseable {

    public static final String USER = "reports";
    public static final String PASSWORD = "dovecot-test-secret-31337";
    /** Dovecot refuses to give mail to root; the mail files belong to nobody. */
    private static final String MAIL_UID = "65534";

    /** Relative to the module the test runs in: ingest itself, or a sibling module using ingest's test-jar. */
    private static final List<Path> INSTALL_SCRIPTS = List.of(Path.of("src/test/scripts/install-imap-tools.sh"),
            Path.of("../ingest/src/test/scripts/install-imap-tools.sh"));

    private final Path dir;
    private final Path config;
    private final int imapPort;
    private final int imapsPort;

    private Dovecot(Path dir, int imapPort, int imapsPort) {
        this.dir = dir;
        this.config = dir.resolve("dovecot.conf");
        this.imapPort = imapPort;
        this.imapsPort = imapsPort;
    }

    /** Installs Dovecot if needed (skips the tests when not root) and starts it under {@code dir}. */
    public static Dovecot start(Path dir) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "Dovecot tests need root: they install dovecot-imapd and run Dovecot without systemd");
        Path script = INSTALL_SCRIPTS.stream().filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IOException("no install-imap-tools.sh under " + Path.of("").toAbsolutePath()));
        run(Duration.ofMinutes(5), "bash", script.toAbsolutePath().toString());
        Dovecot dovecot = new Dovecot(dir, freePort(), freePort());
        dovecot.writeConfig();
        run(Duration.ofSeconds(30), "dovecot", "-c", dovecot.config.toString());
        dovecot.awaitListening();
        return dovecot;
    }

    public int imapPort() {
        return imapPort;
    }

    public int imapsPort() {
        return imapsPort;
    }

    /** The self-signed certificate Dovecot presents, to be trusted by the client. */
    public Path certificate() {
        return dir.resolve("cert.pem");
    }

    /** Creates a folder in the user's mailbox unless it exists. */
    public void createFolder(String folder) throws IOException, InterruptedException {
        try {
            run(Duration.ofSeconds(30), "doveadm", "-c", config.toString(), "mailbox", "create", "-u", USER, folder);
        } catch (IOException e) {
            if (!e.getMessage().contains("already exists")) {
                throw e;
            }
        }
    }

    /** Delivers a message the way a local delivery agent would, into the user's maildir (folder created if need be). */
    public void deliver(String folder, byte[] message) throws IOException, InterruptedException {
        if (!"INBOX".equals(folder)) {
            createFolder(folder);
        }
        Process process = new ProcessBuilder("doveadm", "-c", config.toString(), "save", "-u", USER, "-m", folder)
                .redirectErrorStream(true).start();
        process.getOutputStream().write(message);
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("doveadm save failed: " + output + "\n" + log());
        }
    }

    /** A plain-IMAP view of the mailbox for assertions (Dovecot allows it on loopback for the test). */
    public TestMailbox mailbox() {
        return new TestMailbox("127.0.0.1", imapPort, USER, PASSWORD);
    }

    public String log() {
        try {
            Path log = dir.resolve("dovecot.log");
            return Files.exists(log) ? Files.readString(log) : "(no dovecot log)";
        } catch (IOException e) {
            return "(dovecot log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(Duration.ofSeconds(30), "doveadm", "-c", config.toString(), "stop");
    }

    private void writeConfig() throws IOException, InterruptedException {
        // Dovecot's auth process runs as the dovecot user and must read the passwd file.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path mail = Files.createDirectories(dir.resolve("mail"));
        Files.setPosixFilePermissions(mail, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("state"));
        Path passwd = Files.writeString(dir.resolve("passwd"), USER + ":{PLAIN}" + PASSWORD + "\n");
        Files.setPosixFilePermissions(passwd, PosixFilePermissions.fromString("rw-r--r--"));
        run(Duration.ofSeconds(60), "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", dir.resolve("key.pem").toString(), "-out", certificate().toString(), "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        Files.writeString(config, String.join("\n", List.of(
                "base_dir = " + dir.resolve("run"),
                "state_dir = " + dir.resolve("state"),
                "log_path = " + dir.resolve("dovecot.log"),
                "protocols = imap",
                "listen = 127.0.0.1",
                "ssl = yes",
                "ssl_cert = <" + certificate(),
                "ssl_key = <" + dir.resolve("key.pem"),
                // Plain logins only so that the test's own TestMailbox view needs no TLS setup.
                "disable_plaintext_auth = no",
                "auth_mechanisms = plain login",
                // Notice new mail during IDLE at once even where inotify is unavailable.
                "mailbox_idle_check_interval = 1 secs",
                "passdb {",
                "  driver = passwd-file",
                "  args = scheme=PLAIN username_format=%u " + passwd,
                "}",
                "userdb {",
                "  driver = static",
                "  args = uid=" + MAIL_UID + " gid=" + MAIL_UID + " home=" + dir.resolve("home/%u"),
                "}",
                "mail_location = maildir:" + mail + "/%u",
                "service imap-login {",
                "  inet_listener imap {",
                "    address = 127.0.0.1",
                "    port = " + imapPort,
                "  }",
                "  inet_listener imaps {",
                "    address = 127.0.0.1",
                "    port = " + imapsPort,
                "    ssl = yes",
                "  }",
                "}",
                "")));
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", imapPort), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("Dovecot did not listen on " + imapPort + ":\n" + log(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Output goes to a file, not a pipe: Dovecot's daemon would hold a pipe open after the command returned. */
    private static void run(Duration timeout, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("dovecot-it-", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(new File("/dev/null")).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                        + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
