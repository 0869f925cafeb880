package org.tlsrpt.app.roles;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.tlsrpt.api.auth.DefaultToken;
import org.tlsrpt.api.auth.TokenText;
import org.tlsrpt.app.infra.InstallationSecrets;

/**
 * Hands the token generated on the very first start to the operator, never to a log: logs are collected, kept and
 * read by many (in Kubernetes, by whoever may read the pod's logs). An interactive {@code tlsrpt run} shows it on
 * its terminal; any other start writes it to a file in the data directory that only its owner can read, and the
 * log says only where.
 */
final class FirstStartToken {

    private FirstStartToken() {
    }

    /**
     * @param terminal the terminal {@code tlsrpt run} was started from ({@code System.console()}), or null
     * @return the line to log, which never holds the token
     */
    static String handOver(TokenText token, PrintWriter terminal, InstallationSecrets secrets) throws IOException {
        if (terminal != null) {
            DefaultToken.show(token, terminal);
            return "no API token was configured, so one was generated for all domains and shown on the terminal";
        }
        Path file = secrets.writeFirstStartToken(token.text());
        return "no API token was configured, so one was generated for all domains: it is in " + file
                + " (readable by this user only); keep it elsewhere and delete the file";
    }
}
