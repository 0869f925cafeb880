package org.tlsrpt.ingest.quota;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Daily quotas, so that no one sender can fill the disk: bytes stored per client address, and reports stored per
 * reporting organisation (as the report names it), per UTC day. Kept in memory per process: with several ingest
 * replicas each allows the full quota, so a sender spread over all of them gets up to replicas × quota.
 * An IPv6 client counts per /64, the block one customer usually holds.
 */
public final class IntakeQuotas {

    /** Keys tracked per kind before further ones share one overflow key (about 100 bytes each). */
    static final int MAX_KEYS = 100_000;

    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%.*)?");

    private final Limits limits;
    private final DailyCounts clientBytes;
    private final DailyCounts organisationReports;

    /**
     * @param bytesPerClientPerDay         bytes one client address may have stored per UTC day; 0: no limit
     * @param reportsPerOrganisationPerDay reports one organisation may have stored per UTC day; 0: no limit
     */
    public record Limits(long bytesPerClientPerDay, long reportsPerOrganisationPerDay) {

        public static final Limits NONE = new Limits(0, 0);

        public Limits {
            if (bytesPerClientPerDay < 0 || reportsPerOrganisationPerDay < 0) {
                throw new IllegalArgumentException("quotas are 0 (no limit) or positive");
            }
        }
    }

    public IntakeQuotas(Limits limits, Clock clock) {
        this.limits = limits;
        this.clientBytes = new DailyCounts(clock, MAX_KEYS);
        this.organisationReports = new DailyCounts(clock, MAX_KEYS);
    }

    public static IntakeQuotas unlimited() {
        return new IntakeQuotas(Limits.NONE, Clock.systemUTC());
    }

    /** Takes {@code bytes} from the client's quota; false (and nothing taken) when that would pass it. */
    public boolean takeClientBytes(String client, long bytes) {
        return limits.bytesPerClientPerDay() == 0
                || clientBytes.tryAdd(List.of(clientKey(client)), bytes, limits.bytesPerClientPerDay());
    }

    public void returnClientBytes(String client, long bytes) {
        if (limits.bytesPerClientPerDay() != 0) {
            clientBytes.remove(List.of(clientKey(client)), bytes);
        }
    }

    /** Takes one report per entry (organisation names, one per report); false (nothing taken) when over. */
    public boolean takeReports(List<String> organisations) {
        return limits.reportsPerOrganisationPerDay() == 0 || organisations.isEmpty()
                || organisationReports.tryAdd(organisationKeys(organisations), 1,
                        limits.reportsPerOrganisationPerDay());
    }

    public void returnReports(List<String> organisations) {
        if (limits.reportsPerOrganisationPerDay() != 0) {
            organisationReports.remove(organisationKeys(organisations), 1);
        }
    }

    /** Until the quotas start again (the next UTC midnight), at least one second. */
    public Duration retryAfter() {
        Duration left = clientBytes.untilTomorrow();
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }

    private static List<String> organisationKeys(List<String> organisations) {
        return organisations.stream()
                .map(name -> name == null ? "" : name.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** The address itself; for IPv6 its /64. Only literals are parsed, so no name is ever looked up. */
    static String clientKey(String client) {
        if (client == null) {
            return "unknown";
        }
        if (client.indexOf(':') >= 0 && IPV6_LITERAL.matcher(client).matches()) {
            try {
                byte[] address = InetAddress.getByName(client.replaceFirst("%.*", "")).getAddress();
                if (address.length == 16) {
                    return HexFormat.of().formatHex(address, 0, 8) + "::/64";
                }
            } catch (UnknownHostException e) {
                return client;
            }
        }
        return client;
    }
}
