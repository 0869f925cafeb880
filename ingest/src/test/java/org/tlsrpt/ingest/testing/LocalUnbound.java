package org.tlsrpt.ingest.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A throwaway unbound (Debian package) on a free 127.0.0.1 port, serving only the given TXT records from
 * local zones; it never asks the internet. Started in the foreground ({@code -d}) as a child of the test JVM.
 */
public final class LocalUnbound implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private LocalUnbound(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** @param txt owner name (absolute, with the trailing dot) → TXT value; long values are split into strings */
    public static LocalUnbound start(Path dir, List<String> zones, Map<String, String> txt) throws IOException {
        MailTools.ensureInstalled();
        int port = MailTools.freePort();
        StringBuilder conf = new StringBuilder()
                .append("server:\n")
                .append("  interface: 127.0.0.1@").append(port).append('\n')
                .append("  port: ").append(port).append('\n')
                .append("  do-ip6: no\n  do-daemonize: no\n  username: \"\"\n  chroot: \"\"\n")
                .append("  directory: \"").append(dir).append("\"\n  pidfile: \"\"\n")
                .append("  use-syslog: no\n  logfile: \"\"\n  verbosity: 1\n")
                .append("  access-control: 127.0.0.0/8 allow\n  module-config: \"iterator\"\n");
        for (String zone : zones) {
            conf.append("  local-zone: \"").append(zone).append("\" static\n");
        }
        txt.forEach((name, value) -> conf.append("  local-data: '").append(name).append(" 300 IN TXT ")
                .append(quotedStrings(value)).append("'\n"));
        conf.append("remote-control:\n  control-enable: no\n");
        Path config = dir.resolve("unbound.conf");
        Files.writeString(config, conf, StandardCharsets.US_ASCII);
        Path log = dir.resolve("unbound.log");
        Process process = new ProcessBuilder("/usr/sbin/unbound", "-d", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalUnbound unbound = new LocalUnbound(process, port, log);
        unbound.awaitAnswering(zones.get(0));
        return unbound;
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    private void awaitAnswering(String zone) throws IOException {
        SimpleResolver resolver = new SimpleResolver("127.0.0.1");
        resolver.setPort(port);
        resolver.setTimeout(Duration.ofMillis(300));
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("unbound ended at start:\n" + Files.readString(log));
            }
            try {
                Message answer = resolver.send(Message.newQuery(
                        Record.newRecord(Name.fromString(zone), Type.SOA, DClass.IN)));
                if (answer.getRcode() == Rcode.NOERROR || answer.getRcode() == Rcode.NXDOMAIN) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        close();
        throw new IllegalStateException("unbound did not answer within 20 s:\n" + Files.readString(log));
    }

    private static String quotedStrings(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i += 200) {
            out.append(out.length() == 0 ? "" : " ").append('"')
                    .append(value, i, Math.min(value.length(), i + 200)).append('"');
        }
        return out.toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(java.time.Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
