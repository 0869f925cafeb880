package org.tlsrpt.checks.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.tlsrpt.checks.certificate.ChainTrust;

/**
 * A certificate authority made at test time with the openssl command ({@code openssl ca}, which, unlike
 * {@code openssl x509}, sets any validity period, so expired certificates are real ones). Its own validity starts
 * in 2020 so that certificates that expired long ago still chain to it.
 */
public final class TestCa {

    private static final DateTimeFormatter OPENSSL_DATE =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    /** A key and its chain (leaf, then this CA), with the server TLS context for it. */
    public record Issued(Path key, Path certificate, Path chain, X509Certificate leaf) {
        public SSLContext serverContext() throws IOException {
            try {
                PrivateKey privateKey = readKey(key);
                List<X509Certificate> certificates = ChainTrust.readPem(chain);
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("server", privateKey, new char[0], certificates.toArray(Certificate[]::new));
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, new char[0]);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keys.getKeyManagers(), null, null);
                return context;
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException("cannot build a TLS context for " + certificate, e);
            }
        }
    }

    private final Path dir;
    private final String name;

    private TestCa(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    public static TestCa create(Path dir, String name) throws IOException {
        Files.createDirectories(dir.resolve("newcerts"));
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("serial"), "1000\n");
        Files.writeString(dir.resolve("ca.cnf"), """
                [ ca ]
                default_ca = lab
                [ lab ]
                dir = %s
                database = $dir/index.txt
                new_certs_dir = $dir/newcerts
                serial = $dir/serial
                certificate = $dir/ca.pem
                private_key = $dir/ca.key
                default_md = sha256
                policy = any
                unique_subject = no
                copy_extensions = none
                [ any ]
                commonName = supplied
                [ req ]
                distinguished_name = dn
                prompt = no
                [ dn ]
                CN = unused
                """.formatted(dir.toAbsolutePath()));
        Files.writeString(dir.resolve("ca.ext"), """
                basicConstraints = critical, CA:TRUE
                keyUsage = critical, keyCertSign, cRLSign
                subjectKeyIdentifier = hash
                """);
        Command.check(dir, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", "ca.key", "-out", "ca.csr", "-subj", "/CN=" + name, "-config", "ca.cnf");
        Command.check(dir, "openssl", "ca", "-batch", "-config", "ca.cnf", "-selfsign", "-keyfile", "ca.key",
                "-in", "ca.csr", "-out", "ca.pem", "-notext", "-startdate", "20200101000000Z",
                "-enddate", "20400101000000Z", "-extfile", "ca.ext");
        return new TestCa(dir, name);
    }

    public Path certificatePem() {
        return dir.resolve("ca.pem");
    }

    public X509Certificate certificate() throws IOException {
        return ChainTrust.readPem(certificatePem()).get(0);
    }

    /** A server certificate for the DNS names, valid from {@code notBefore} to {@code notAfter}. */
    public Issued issue(String file, Instant notBefore, Instant notAfter, String... dnsNames) throws IOException {
        List<String> san = new ArrayList<>();
        for (String dnsName : dnsNames) {
            san.add("DNS:" + dnsName);
        }
        Files.writeString(dir.resolve(file + ".ext"), """
                basicConstraints = CA:FALSE
                keyUsage = critical, digitalSignature, keyEncipherment
                extendedKeyUsage = serverAuth
                subjectAltName = %s
                """.formatted(String.join(",", san)));
        Command.check(dir, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", file + ".key", "-out", file + ".csr", "-subj", "/CN=" + dnsNames[0],
                "-config", "ca.cnf");
        Command.check(dir, "openssl", "ca", "-batch", "-config", "ca.cnf", "-in", file + ".csr",
                "-out", file + ".pem", "-notext", "-startdate", OPENSSL_DATE.format(notBefore),
                "-enddate", OPENSSL_DATE.format(notAfter), "-extfile", file + ".ext");
        Path chain = dir.resolve(file + ".chain.pem");
        Files.writeString(chain, Files.readString(dir.resolve(file + ".pem")) + Files.readString(certificatePem()));
        return new Issued(dir.resolve(file + ".key"), dir.resolve(file + ".pem"), chain,
                ChainTrust.readPem(dir.resolve(file + ".pem")).get(0));
    }

    static PrivateKey readKey(Path pem) throws IOException, java.security.GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    @Override
    public String toString() {
        return name;
    }
}
