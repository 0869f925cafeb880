package org.tlsrpt.checks.lab;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real authoritative DNS server (NSD) for the lab's zones, each signed at test time with ldns-keygen and
 * ldns-signzone (ECDSA P-256), or left unsigned. A signed child's DS goes into its parent before the parent is
 * signed, so validation runs from the parent's trust anchor down.
 */
public final class LabDns implements AutoCloseable {

    /** A zone: its name (with the trailing dot) and its records in master file syntax. */
    public record Zone(String name, String records) {
    }

    private final Path dir;
    private final Process nsd;

    private LabDns(Path dir, Process nsd) {
        this.dir = dir;
        this.nsd = nsd;
    }

    /**
     * Signs a zone; returns the DS record of its key-signing key.
     *
     * @param tamper applied to the signed zone text, to break a signature on purpose (identity otherwise)
     */
    public static String sign(Path dir, Zone zone, java.util.function.UnaryOperator<String> tamper)
            throws IOException {
        String file = fileName(zone);
        Files.writeString(dir.resolve(file), zone.records());
        String ksk = Command.check(dir, "ldns-keygen", "-a", "ECDSAP256SHA256", "-k", zone.name()).strip();
        String zsk = Command.check(dir, "ldns-keygen", "-a", "ECDSAP256SHA256", zone.name()).strip();
        Command.check(dir, "ldns-signzone", "-f", file + ".signed", file, zsk, ksk);
        Path signed = dir.resolve(file + ".signed");
        Files.writeString(signed, tamper.apply(Files.readString(signed)));
        return Files.readString(dir.resolve(ksk + ".ds")).strip();
    }

    public static void writeUnsigned(Path dir, Zone zone) throws IOException {
        Files.writeString(dir.resolve(fileName(zone) + ".signed"), zone.records());
    }

    private static String fileName(Zone zone) {
        return zone.name().replaceAll("\\.$", "") + ".zone";
    }

    /** Starts NSD on {@code address:port} serving the zones written with {@link #sign} or {@link #writeUnsigned}. */
    public static LabDns start(Path dir, InetAddress address, int port, List<Zone> zones) throws IOException {
        StringBuilder config = new StringBuilder("""
                server:
                  ip-address: %s@%d
                  do-ip6: no
                  username: ""
                  chroot: ""
                  zonesdir: "%s"
                  database: ""
                  zonelistfile: "%s/zone.list"
                  xfrdfile: "%s/xfrd.state"
                  xfrdir: "%s"
                  pidfile: "%s/nsd.pid"
                  server-count: 1
                  verbosity: 1
                remote-control:
                  control-enable: no
                """.formatted(address.getHostAddress(), port, dir, dir, dir, dir, dir));
        for (Zone zone : zones) {
            config.append("zone:\n  name: \"").append(zone.name()).append("\"\n  zonefile: \"")
                    .append(fileName(zone)).append(".signed\"\n");
        }
        Files.writeString(dir.resolve("nsd.conf"), config);
        String nsdBinary = Files.isExecutable(Path.of("/usr/sbin/nsd")) ? "/usr/sbin/nsd" : "nsd";
        Process nsd = new ProcessBuilder(nsdBinary, "-d", "-c", dir.resolve("nsd.conf").toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nsd.log").toFile())
                .start();
        LabDns dns = new LabDns(dir, nsd);
        dns.awaitAnswers(address, port, zones.get(0).name());
        return dns;
    }

    /** Polls with a SOA query until NSD answers (it loads the zones after binding). */
    private void awaitAnswers(InetAddress address, int port, String zone) throws IOException {
        byte[] query = soaQuery(zone);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(500);
            while (System.nanoTime() < deadline) {
                if (!nsd.isAlive()) {
                    throw new IOException("nsd stopped: " + Files.readString(dir.resolve("nsd.log")));
                }
                socket.send(new DatagramPacket(query, query.length, address, port));
                byte[] answer = new byte[512];
                try {
                    DatagramPacket packet = new DatagramPacket(answer, answer.length);
                    socket.receive(packet);
                    if ((answer[3] & 0x0f) == 0 && (answer[7] > 0)) {
                        return;
                    }
                } catch (SocketTimeoutException e) {
                    // not yet
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IOException("nsd does not answer: " + Files.readString(dir.resolve("nsd.log")));
    }

    private static byte[] soaQuery(String zone) {
        List<Byte> bytes = new ArrayList<>(List.of((byte) 0x12, (byte) 0x34, (byte) 0, (byte) 0, (byte) 0, (byte) 1,
                (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0));
        for (String label : zone.split("\\.")) {
            if (!label.isEmpty()) {
                bytes.add((byte) label.length());
                for (char c : label.toCharArray()) {
                    bytes.add((byte) c);
                }
            }
        }
        bytes.addAll(List.of((byte) 0, (byte) 0, (byte) 6, (byte) 0, (byte) 1));
        byte[] query = new byte[bytes.size()];
        for (int i = 0; i < query.length; i++) {
            query[i] = bytes.get(i);
        }
        return query;
    }

    @Override
    public void close() {
        nsd.destroy();
        try {
            if (!nsd.waitFor(10, TimeUnit.SECONDS)) {
                nsd.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            nsd.destroyForcibly();
        }
    }
}
