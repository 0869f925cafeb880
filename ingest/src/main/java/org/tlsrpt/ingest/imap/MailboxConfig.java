package org.tlsrpt.ingest.imap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One mailbox to poll; the defaults are the operator's settings ({@code tlsrpt.ingest.imap.mailboxes.*} in the app),
 * written there only. {@link #toString()} never shows the password.
 *
 * @param host               IMAP server name or address
 * @param port               server port; 0 means the default of {@code tls} (993 for IMAPS, else 143)
 * @param user               login name
 * @param password           login password, or null when {@code passwordFile} is set
 * @param passwordFile       file whose content (trailing line break removed) is the password, read at each login
 * @param folder             folder the reports arrive in
 * @param processedFolder    where stored reports are moved, created if missing
 * @param invalidFolder      where everything else is moved, created if missing
 * @param tls                how the connection is protected
 * @param trustedCertificate PEM file with the certificate(s) to trust instead of the JDK's CAs (self-signed
 *                           servers), or null
 */
public record MailboxConfig(
        String host,
        int port,
        String user,
        String password,
        Path passwordFile,
        String folder,
        String processedFolder,
        String invalidFolder,
        TlsMode tls,
        Path trustedCertificate) {

    public MailboxConfig {
        requireText(host, "host");
        requireText(user, "user");
        if ((password == null) == (passwordFile == null)) {
            throw new IllegalArgumentException("mailbox " + user + "@" + host
                    + ": set exactly one of password and password file");
        }
        Objects.requireNonNull(tls, "tls");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("mailbox " + user + "@" + host + ": port out of range: " + port);
        }
        port = port == 0 ? tls.defaultPort() : port;
        requireText(folder, "folder");
        requireText(processedFolder, "processed folder");
        requireText(invalidFolder, "invalid folder");
        if (processedFolder.equals(folder) || invalidFolder.equals(folder)) {
            throw new IllegalArgumentException("mailbox " + user + "@" + host
                    + ": processed and invalid folders must differ from the polled folder " + folder);
        }
    }

    public MailboxConfig withTls(TlsMode mode) {
        return new MailboxConfig(host, port == tls.defaultPort() ? 0 : port, user, password, passwordFile,
                folder, processedFolder, invalidFolder, mode, trustedCertificate);
    }

    public MailboxConfig withFolders(String folder, String processedFolder, String invalidFolder) {
        return new MailboxConfig(host, port, user, password, passwordFile, folder, processedFolder, invalidFolder,
                tls, trustedCertificate);
    }

    public MailboxConfig withTrustedCertificate(Path pemFile) {
        return new MailboxConfig(host, port, user, password, passwordFile, folder, processedFolder, invalidFolder,
                tls, pemFile);
    }

    /** Who the reports came through: {@code user@host}, recorded as the intake's origin. */
    public String origin() {
        return user + "@" + host;
    }

    /** The password to log in with: the configured one, or the password file's content read now. */
    String resolvePassword() throws IOException {
        if (password != null) {
            return password;
        }
        String content = Files.readString(passwordFile, StandardCharsets.UTF_8);
        return content.strip();
    }

    @Override
    public String toString() {
        return "MailboxConfig[" + origin() + ":" + port + " " + tls + " folder=" + folder
                + " processed=" + processedFolder + " invalid=" + invalidFolder
                + (password != null ? " password=***" : " passwordFile=" + passwordFile)
                + (trustedCertificate != null ? " trust=" + trustedCertificate : "") + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("mailbox " + name + " is required");
        }
    }
}
