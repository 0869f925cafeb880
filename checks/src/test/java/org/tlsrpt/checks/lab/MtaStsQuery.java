package org.tlsrpt.checks.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The second opinion: Debian's {@code mta-sts-query} (postfix-mta-sts-resolver, the MTA-STS client Postfix sites
 * use), pointed at the lab. It reads its resolver from /etc/resolv.conf and trusts the system CAs, so it runs in
 * a mount namespace of its own where /etc/resolv.conf names the lab's DNS server, with SSL_CERT_FILE naming the
 * lab's CA. Nothing outside that namespace changes.
 */
public final class MtaStsQuery {

    /**
     * What it concluded.
     *
     * @param result VALID, NONE (no usable _mta-sts record), FETCH_ERROR (no valid policy) or NOT_CHANGED
     * @param mode   the policy's mode when VALID
     * @param mx     the policy's mx patterns when VALID
     */
    public record Verdict(String result, String mode, List<String> mx) {
    }

    private static final Pattern RESULT = Pattern.compile("STSFetchResult\\.([A-Z_]+)");
    private static final Pattern MODE = Pattern.compile("'mode': '([^']*)'");
    private static final Pattern MX = Pattern.compile("'mx': \\[([^\\]]*)\\]");

    private MtaStsQuery() {
    }

    public static Verdict query(Lab lab, String domain) throws IOException {
        Path resolvConf = lab.dir().resolve("resolv.conf");
        Files.writeString(resolvConf, "nameserver " + Lab.DNS + "\n");
        String script = "mount --bind " + resolvConf + " /etc/resolv.conf && SSL_CERT_FILE=" + lab.caPem()
                + " exec mta-sts-query " + domain;
        Command.Output output = Command.run(lab.dir(), List.of("unshare", "-m", "sh", "-c", script));
        Matcher result = RESULT.matcher(output.stdout());
        if (output.exitCode() != 0 || !result.find()) {
            throw new IOException("mta-sts-query " + domain + " failed: " + output.stderr() + output.stdout());
        }
        Matcher mode = MODE.matcher(output.stdout());
        Matcher mx = MX.matcher(output.stdout());
        List<String> patterns = new ArrayList<>();
        if (mx.find()) {
            for (String quoted : mx.group(1).split(",")) {
                String pattern = quoted.strip().replace("'", "");
                if (!pattern.isEmpty()) {
                    patterns.add(pattern);
                }
            }
        }
        return new Verdict(result.group(1), mode.find() ? mode.group(1) : "", patterns);
    }
}
