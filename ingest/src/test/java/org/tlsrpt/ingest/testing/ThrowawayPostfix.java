package org.tlsrpt.ingest.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Postfix instance of its own (config, queue and log under one directory; {@code postfix -c DIR start}, no
 * systemd) that accepts mail for {@code reports.example} on a free loopback port and relays everything to
 * {@code [127.0.0.1]:relayPort}. Needs root: Postfix drops to its own user itself.
 */
public final class ThrowawayPostfix implements AutoCloseable {

    private final Path dir;
    private final int port;

    private ThrowawayPostfix(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static ThrowawayPostfix start(int relayPort) throws IOException {
        MailTools.ensureInstalled();
        // Short path (Unix socket names are limited) and world-traversable: Postfix's daemons run as 'postfix'.
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "pf-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path queue = Files.createDirectory(dir.resolve("queue"));
        Files.setPosixFilePermissions(queue, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.createDirectory(dir.resolve("data"));
        Processes.run(Duration.ofSeconds(10), "chown", "postfix", data.toString()).requireSuccess("chown");
        int port = MailTools.freePort();
        Files.writeString(dir.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + queue,
                "data_directory = " + data,
                "mail_owner = postfix",
                "setgid_group = postdrop",
                "myhostname = relay.test.example",
                "mydomain = test.example",
                "myorigin = test.example",
                "inet_interfaces = loopback-only",
                "inet_protocols = ipv4",
                "mydestination =",
                "local_recipient_maps =",
                "alias_maps =",
                "alias_database =",
                "mynetworks = 127.0.0.0/8",
                "relay_domains = reports.example",
                "relayhost = [127.0.0.1]:" + relayPort,
                "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination",
                "smtp_tls_security_level = none",
                "smtpd_tls_security_level = none",
                "smtp_dns_support_level = disabled",
                "maillog_file = " + dir.resolve("maillog"),
                "maillog_file_prefixes = " + dir,
                "message_size_limit = 52428800",
                "biff = no",
                ""), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("master.cf"), String.join("\n",
                "127.0.0.1:" + port + " inet n - n - - smtpd",
                "pickup unix n - n 60 1 pickup",
                "cleanup unix n - n - 0 cleanup",
                "qmgr unix n - n 300 1 qmgr",
                "tlsmgr unix - - n 1000? 1 tlsmgr",
                "rewrite unix - - n - - trivial-rewrite",
                "bounce unix - - n - 0 bounce",
                "defer unix - - n - 0 bounce",
                "trace unix - - n - 0 bounce",
                "verify unix - - n - 1 verify",
                "flush unix n - n 1000? 0 flush",
                "proxymap unix - - n - - proxymap",
                "proxywrite unix - - n - 1 proxymap",
                "smtp unix - - n - - smtp",
                "relay unix - - n - - smtp",
                "showq unix n - n - - showq",
                "error unix - - n - - error",
                "retry unix - - n - - error",
                "discard unix - - n - - discard",
                "anvil unix - - n - 1 anvil",
                "scache unix - - n - 1 scache",
                "postlog unix-dgram n - n - 1 postlogd",
                ""), StandardCharsets.US_ASCII);
        ThrowawayPostfix postfix = new ThrowawayPostfix(dir, port);
        Processes.Result started = Processes.run(Duration.ofSeconds(60), "/usr/sbin/postfix", "-c", dir.toString(), "start");
        if (started.exitCode() != 0) {
            String log = postfix.log();
            postfix.close();
            throw new IllegalStateException("postfix start failed:\n" + started.output() + "\n" + log);
        }
        return postfix;
    }

    /** The port Postfix's smtpd listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    public String log() {
        try {
            Path log = dir.resolve("maillog");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The queue as {@code postqueue -j} lists it: one JSON object per message. */
    public String queue() {
        return Processes.run(Duration.ofSeconds(30), "/usr/sbin/postqueue", "-c", dir.toString(), "-j")
                .requireSuccess("postqueue -j").output();
    }

    /** Waits (bounded) until the log holds a line matching {@code condition}; returns that line. */
    public String awaitLogLine(Predicate<String> condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        do {
            for (String line : log().split("\n")) {
                if (condition.test(line)) {
                    return line;
                }
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no matching Postfix log line within " + timeout + "; log:\n" + log());
    }

    public Processes.Result swaks(String... arguments) {
        String[] command = new String[arguments.length + 3];
        command[0] = "/usr/bin/swaks";
        command[1] = "--server";
        command[2] = "127.0.0.1:" + port;
        System.arraycopy(arguments, 0, command, 3, arguments.length);
        return Processes.run(Duration.ofSeconds(60), command);
    }

    @Override
    public void close() {
        Processes.run(Duration.ofSeconds(60), "/usr/sbin/postfix", "-c", dir.toString(), "stop");
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover directory under /tmp is harmless
        }
    }
}
