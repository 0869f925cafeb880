package org.tlsrpt.checks.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tlsrpt.checks.CheckSettings;
import org.tlsrpt.checks.dane.DaneMatch;

/**
 * The checks' test lab: every piece a real server on a loopback address of its own.
 *
 * <pre>
 * 127.0.0.2:53   NSD: lab. (signed; its DS is the trust anchor), broken.lab. (signed, DS in lab., one signature
 *                broken after signing), unsigned.lab. (no DS)
 * 127.0.0.3:25   mx-good.lab, mx.unsigned.lab    certificate from the lab CA; DANE-EE and DANE-TA records match
 * 127.0.0.4:25   mx-expired.lab                  expired certificate
 * 127.0.0.5:25   mx-wrongname.lab                certificate for other.example; TLSA that does not match
 * 127.0.0.6:25   mx-untrusted.lab                certificate from a CA nobody trusts
 * 127.0.0.7:25   mx-nostarttls.lab               no STARTTLS
 * 127.0.0.8:25   mx-other.lab                    certificate expiring in 5 days
 * 127.0.0.9:25   mx-down.lab                     nothing listens
 * 127.0.0.10:25  mx-broken.lab                   accepts STARTTLS, then speaks no TLS
 * 127.0.0.20:443 mta-sts.good.lab                valid policy (enforce, mx-good.lab)
 * 127.0.0.21:443 mta-sts.expired.lab             policy with invalid syntax
 * 127.0.0.22:443 mta-sts.wrongname.lab           policy served as text/html
 * 127.0.0.23:443 mta-sts.untrusted.lab           redirect
 * 127.0.0.24:443 mta-sts.nostarttls.lab          certificate from the untrusted CA
 * 127.0.0.25:443 mta-sts.uncovered.lab           valid policy (testing) not covering mx-other.lab
 * </pre>
 *
 * Port 53 and 443 are fixed because {@code mta-sts-query}, the second opinion, reads a resolver without a port
 * from /etc/resolv.conf and fetches policies from port 443; the addresses 127.0.0.2 and up are the lab's alone.
 */
public final class Lab implements AutoCloseable {

    public static final String DNS = "127.0.0.2";
    public static final String GOOD_POLICY =
            "version: STSv1\r\nmode: enforce\r\nmx: mx-good.lab\r\nmax_age: 604800\r\n";
    public static final String UNCOVERED_POLICY =
            "version: STSv1\r\nmode: testing\r\nmx: mx-good.lab\r\nmax_age: 86400\r\n";

    private final Path dir;
    private final List<AutoCloseable> servers;
    private final Map<String, LabSmtpServer> smtp;
    private final Path trustAnchors;
    private final Path caPem;

    private Lab(Path dir, List<AutoCloseable> servers, Map<String, LabSmtpServer> smtp, Path trustAnchors,
                Path caPem) {
        this.dir = dir;
        this.servers = servers;
        this.smtp = smtp;
        this.trustAnchors = trustAnchors;
        this.caPem = caPem;
    }

    public static Lab start(Path dir) throws IOException {
        List<AutoCloseable> servers = new ArrayList<>();
        try {
            return start(dir, servers);
        } catch (IOException | RuntimeException e) {
            closeAll(servers);
            throw e;
        }
    }

    private static Lab start(Path dir, List<AutoCloseable> servers) throws IOException {
        Instant now = Instant.now();
        TestCa ca = TestCa.create(dir.resolve("ca"), "tlsrpt lab CA");
        TestCa rogue = TestCa.create(dir.resolve("rogue"), "nobody trusts this CA");
        Instant from = now.minus(Duration.ofDays(30));
        Instant until = now.plus(Duration.ofDays(90));
        TestCa.Issued good = ca.issue("mx-good", from, until, "mx-good.lab", "mx.unsigned.lab");
        TestCa.Issued expired = ca.issue("mx-expired", now.minus(Duration.ofDays(400)),
                now.minus(Duration.ofDays(35)), "mx-expired.lab");
        TestCa.Issued wrongName = ca.issue("mx-wrongname", from, until, "other.example");
        TestCa.Issued untrusted = rogue.issue("mx-untrusted", from, until, "mx-untrusted.lab");
        TestCa.Issued expiring = ca.issue("mx-other", now.minus(Duration.ofDays(80)),
                now.plus(Duration.ofDays(5)).plus(Duration.ofHours(12)), "mx-other.lab");
        TestCa.Issued policyHosts = ca.issue("mta-sts", from, until, "mta-sts.good.lab", "mta-sts.expired.lab",
                "mta-sts.wrongname.lab", "mta-sts.untrusted.lab", "mta-sts.nostarttls.lab", "mta-sts.uncovered.lab");
        TestCa.Issued policyUntrusted = rogue.issue("mta-sts-rogue", from, until, "mta-sts.nostarttls.lab");

        // DNS: children first, so their DS records can go into the signed parent
        Path dnsDir = Files.createDirectories(dir.resolve("dns"));
        LabDns.Zone broken = new LabDns.Zone("broken.lab.", """
                $ORIGIN broken.lab.
                $TTL 300
                @ IN SOA ns.lab. hostmaster.lab. 1 3600 600 86400 300
                @ IN NS ns.lab.
                @ IN MX 10 mx.broken.lab.
                mx IN A 127.0.0.3
                _smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@broken.lab"
                """);
        // the MX record changes after signing: its signature no longer validates
        String brokenDs = LabDns.sign(dnsDir, broken, signed -> signed.replace("\tMX\t10 mx.broken.lab.",
                "\tMX\t20 mx.broken.lab."));
        LabDns.Zone unsigned = new LabDns.Zone("unsigned.lab.", """
                $ORIGIN unsigned.lab.
                $TTL 300
                @ IN SOA ns.lab. hostmaster.lab. 1 3600 600 86400 300
                @ IN NS ns.lab.
                @ IN MX 10 mx.unsigned.lab.
                mx IN A 127.0.0.3
                _25._tcp.mx IN TLSA 3 1 1 %s
                _mta-sts IN TXT "v=STSv1; id=not_an_id"
                _smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@unsigned.lab"
                """.formatted(spkiSha256(good.leaf())));
        LabDns.writeUnsigned(dnsDir, unsigned);
        LabDns.Zone lab = new LabDns.Zone("lab.", """
                $ORIGIN lab.
                $TTL 300
                @ IN SOA ns.lab. hostmaster.lab. 1 3600 600 86400 300
                @ IN NS ns.lab.
                ns IN A 127.0.0.2
                broken IN NS ns.lab.
                %s
                unsigned IN NS ns.lab.

                good IN MX 10 mx-good.lab.
                _smtp._tls.good IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@good.lab"
                _mta-sts.good IN TXT "v=STSv1; id=20261206T1"
                mta-sts.good IN A 127.0.0.20

                expired IN MX 10 mx-expired.lab.
                expired IN MX 20 mx-down.lab.
                _mta-sts.expired IN TXT "v=STSv1; id=1"
                mta-sts.expired IN A 127.0.0.21

                wrongname IN MX 10 mx-wrongname.lab.
                _smtp._tls.wrongname IN TXT "v=TLSRPTv1; rua=ftp://reports.wrongname.lab/"
                _mta-sts.wrongname IN TXT "v=STSv1; id=1"
                mta-sts.wrongname IN A 127.0.0.22

                untrusted IN MX 10 mx-untrusted.lab.
                _smtp._tls.untrusted IN TXT "v=TLSRPTv1; rua=https://reports.untrusted.lab/v1/"
                _mta-sts.untrusted IN TXT "v=STSv1; id=1"
                mta-sts.untrusted IN A 127.0.0.23

                nostarttls IN MX 10 mx-nostarttls.lab.
                nostarttls IN MX 20 mx-broken.lab.
                _smtp._tls.nostarttls IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@nostarttls.lab"
                _mta-sts.nostarttls IN TXT "v=STSv1; id=1"
                mta-sts.nostarttls IN A 127.0.0.24

                uncovered IN MX 10 mx-good.lab.
                uncovered IN MX 20 mx-other.lab.
                _smtp._tls.uncovered IN TXT "v=TLSRPTv1; rua=mailto:a@uncovered.lab"
                _smtp._tls.uncovered IN TXT "v=TLSRPTv1; rua=mailto:b@uncovered.lab"
                _mta-sts.uncovered IN TXT "v=STSv1; id=7"
                mta-sts.uncovered IN A 127.0.0.25

                nomx IN TXT "no mail here"
                noaddr IN MX 10 mx-none.lab.
                mx-none IN TXT "no address"

                mx-good IN A 127.0.0.3
                _25._tcp.mx-good IN TLSA 3 1 1 %s
                _25._tcp.mx-good IN TLSA 2 0 1 %s
                mx-expired IN A 127.0.0.4
                mx-wrongname IN A 127.0.0.5
                _25._tcp.mx-wrongname IN TLSA 3 1 1 %s
                mx-untrusted IN A 127.0.0.6
                mx-nostarttls IN A 127.0.0.7
                mx-other IN A 127.0.0.8
                mx-down IN A 127.0.0.9
                mx-broken IN A 127.0.0.10
                """.formatted(brokenDs.replaceFirst("^broken\\.lab\\.", "broken"), spkiSha256(good.leaf()),
                certSha256(ca.certificate()), "00".repeat(32)));
        String labDs = LabDns.sign(dnsDir, lab, signed -> signed);
        Path anchors = dir.resolve("trust-anchors");
        Files.writeString(anchors, labDs + "\n");
        servers.add(LabDns.start(dnsDir, InetAddress.getByName(DNS), 53, List.of(lab, broken, unsigned)));

        Map<String, LabSmtpServer> smtp = Map.of(
                "mx-good.lab", smtp("127.0.0.3", "mx-good.lab", LabSmtpServer.Mode.TLS, good, servers),
                "mx-expired.lab", smtp("127.0.0.4", "mx-expired.lab", LabSmtpServer.Mode.TLS, expired, servers),
                "mx-wrongname.lab", smtp("127.0.0.5", "mx-wrongname.lab", LabSmtpServer.Mode.TLS, wrongName, servers),
                "mx-untrusted.lab", smtp("127.0.0.6", "mx-untrusted.lab", LabSmtpServer.Mode.TLS, untrusted, servers),
                "mx-nostarttls.lab", smtp("127.0.0.7", "mx-nostarttls.lab", LabSmtpServer.Mode.PLAIN, null, servers),
                "mx-other.lab", smtp("127.0.0.8", "mx-other.lab", LabSmtpServer.Mode.TLS, expiring, servers),
                "mx-broken.lab", smtp("127.0.0.10", "mx-broken.lab", LabSmtpServer.Mode.BROKEN_TLS, good, servers));

        policy("127.0.0.20", policyHosts, LabPolicyServer.Answer.policy(GOOD_POLICY), servers);
        policy("127.0.0.21", policyHosts,
                LabPolicyServer.Answer.policy(
                        "version: STSv1\r\nmode: enforcing\r\nmx: mx-expired.lab\r\nmax_age: 86400\r\n"),
                servers);
        policy("127.0.0.22", policyHosts, new LabPolicyServer.Answer(200, "text/html", "",
                "version: STSv1\r\nmode: enforce\r\nmx: mx-wrongname.lab\r\nmax_age: 86400\r\n"), servers);
        policy("127.0.0.23", policyHosts, new LabPolicyServer.Answer(301, "text/plain",
                "https://mta-sts.good.lab/.well-known/mta-sts.txt", ""), servers);
        policy("127.0.0.24", policyUntrusted, LabPolicyServer.Answer.policy(
                "version: STSv1\r\nmode: enforce\r\nmx: mx-nostarttls.lab\r\nmax_age: 86400\r\n"), servers);
        policy("127.0.0.25", policyHosts, LabPolicyServer.Answer.policy(UNCOVERED_POLICY), servers);
        return new Lab(dir, servers, smtp, anchors, ca.certificatePem());
    }

    private static LabSmtpServer smtp(String address, String name, LabSmtpServer.Mode mode, TestCa.Issued cert,
                                      List<AutoCloseable> servers) throws IOException {
        LabSmtpServer server = new LabSmtpServer(InetAddress.getByName(address), 25, name, mode,
                cert == null ? null : cert.serverContext());
        servers.add(server);
        return server;
    }

    private static void policy(String address, TestCa.Issued cert, LabPolicyServer.Answer answer,
                               List<AutoCloseable> servers) throws IOException {
        servers.add(new LabPolicyServer(InetAddress.getByName(address), 443, cert.serverContext(), answer));
    }

    static String spkiSha256(X509Certificate certificate) {
        return HexFormat.of().formatHex(DaneMatch.digest("SHA-256", certificate.getPublicKey().getEncoded()));
    }

    static String certSha256(X509Certificate certificate) throws IOException {
        try {
            return HexFormat.of().formatHex(DaneMatch.digest("SHA-256", certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IOException(e);
        }
    }

    /** Settings that point the checks at the lab: its resolver, its trust anchor, its CA, private targets. */
    public CheckSettings settings() {
        return new CheckSettings(Optional.of(DNS + ":53"), Optional.of(trustAnchors), Optional.of(caPem), 25, 443,
                true, Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(10), 8, 14,
                "checker.lab", 10);
    }

    public Path trustAnchors() {
        return trustAnchors;
    }

    public Path caPem() {
        return caPem;
    }

    public Path dir() {
        return dir;
    }

    public LabSmtpServer smtp(String mx) {
        return smtp.get(mx);
    }

    @Override
    public void close() {
        closeAll(servers);
    }

    private static void closeAll(List<AutoCloseable> servers) {
        for (int i = servers.size() - 1; i >= 0; i--) {
            try {
                servers.get(i).close();
            } catch (Exception e) {
                // close the rest regardless
            }
        }
    }
}
