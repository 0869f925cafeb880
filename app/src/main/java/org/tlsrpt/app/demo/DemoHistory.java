package org.tlsrpt.app.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A made-up but realistic 90-day history of TLS reports for {@code example.com}, {@code example.net} and
 * {@code example.org}, shaped like the reports Google, Microsoft, Yahoo and Mail.ru send (with their quirks), for
 * {@code tlsrpt run --demo} and {@code tlsrpt demo}.
 *
 * <p>Its story: {@code mx2.example.com}'s certificate expires for three days; {@code mx.example.net} loses STARTTLS
 * for most of a day; {@code example.net} adds {@code mx2.example.net} that its MTA-STS policy does not list, and
 * fixes the policy a month later; Mail.ru stops reporting twelve days before the end.
 *
 * <p>A report's bytes depend only on its day, never on the day they are made: the events sit at fixed places of a
 * 90-day cycle of the calendar, so a history made tomorrow holds the same reports for the days both cover (they
 * are duplicates, never identity conflicts) and one new day. Only whether a report exists depends on the end of the
 * history (the silent reporter). Every report says it is a demo: its organisation name ends in
 * {@value #ORGANISATION_SUFFIX} and its contact is {@value #CONTACT}.
 */
public final class DemoHistory {

    public static final int DAYS = 90;
    public static final String CONTACT = "demo@tlsrpt.invalid";
    public static final String ORGANISATION_SUFFIX = " (demo)";

    private static final long SEED = 8460;
    private static final int CYCLE = 90;
    /** Places in the cycle ({@code epochDay mod 90}) where something happens. */
    private static final int CERTIFICATE_EXPIRED_FROM = 20;
    private static final int CERTIFICATE_EXPIRED_DAYS = 3;
    private static final int STARTTLS_OUTAGE = 45;
    private static final int NEW_MX_FROM = 60;
    private static final int SILENT_DAYS = 12;

    private static final JsonFactory JSON = new JsonFactory();

    private static final String TLSA_RECORDS = "[\"2 1 1 7A1B3C5D9E0F21436587A9CBEDF0123456789ABCDEF0123456789ABCDEF01234"
            + "\","
            + "\"2 1 1 0F1E2D3C4B5A69788796A5B4C3D2E1F00112233445566778899AABBCCDDEEFF0\"]";

    private DemoHistory() {
    }

    /** The history whose last day is yesterday (UTC): today's reports would only arrive tomorrow. */
    public static List<DemoReport> endingYesterday(Clock clock) {
        return through(LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1));
    }

    /** The {@value #DAYS} days ending with {@code lastDay}, day by day, each day's reports in a fixed order. */
    public static List<DemoReport> through(LocalDate lastDay) {
        List<DemoReport> reports = new ArrayList<>();
        for (LocalDate day = lastDay.minusDays(DAYS - 1); !day.isAfter(lastDay); day = day.plusDays(1)) {
            for (Sender sender : Sender.values()) {
                if (sender == Sender.MAIL_RU && day.isAfter(lastDay.minusDays(SILENT_DAYS))) {
                    continue; // the reporter that went silent
                }
                for (Domain domain : Domain.values()) {
                    int volume = sender.volume(domain);
                    if (volume > 0) {
                        reports.add(report(sender, domain, day, volume));
                    }
                }
            }
        }
        return reports;
    }

    /** A receiving MX of a domain on a day, its share of the sessions and what fails there. */
    private record Mx(String host, String ip, double share, String failure, double failedShare) {
    }

    private enum Domain {
        COM("example.com"), NET("example.net"), ORG("example.org");

        final String name;

        Domain(String name) {
            this.name = name;
        }

        boolean hasSts() {
            return this != ORG;
        }

        boolean hasTlsa() {
            return this == COM;
        }

        /** The MX hosts the MTA-STS policy lists: example.net's misses its new MX until the cycle turns. */
        List<String> policyMx() {
            return switch (this) {
                case COM -> List.of("mx1.example.com", "mx2.example.com");
                case NET -> List.of("mx.example.net");
                case ORG -> List.of();
            };
        }

        List<Mx> mx(int place) {
            return switch (this) {
                case COM -> {
                    boolean expired = place >= CERTIFICATE_EXPIRED_FROM
                            && place < CERTIFICATE_EXPIRED_FROM + CERTIFICATE_EXPIRED_DAYS;
                    yield List.of(new Mx("mx1.example.com", "192.0.2.10", 0.6, null, 0),
                            new Mx("mx2.example.com", "192.0.2.11", 0.4, expired ? "certificate-expired" : null, 1));
                }
                case NET -> {
                    String outage = place == STARTTLS_OUTAGE ? "starttls-not-supported" : null;
                    if (place < NEW_MX_FROM) {
                        yield List.of(new Mx("mx.example.net", "192.0.2.20", 1, outage, 0.7));
                    }
                    yield List.of(new Mx("mx.example.net", "192.0.2.20", 0.5, null, 0),
                            new Mx("mx2.example.net", "192.0.2.21", 0.5, "validation-failure", 1));
                }
                case ORG -> List.of(new Mx("mx.example.org", "192.0.2.30", 1, null, 0));
            };
        }
    }

    private enum Sender {
        GOOGLE("Google Inc.", new int[] {1400, 420, 160}, new String[] {"198.51.100.17", "198.51.100.18",
                "198.51.100.19"}),
        MICROSOFT("Microsoft Corporation", new int[] {650, 210, 0}, new String[] {"198.51.100.140",
                "198.51.100.141"}),
        YAHOO("Yahoo", new int[] {240, 70, 40}, new String[] {"203.0.113.5", "203.0.113.6"}),
        MAIL_RU("Mail.ru", new int[] {35, 0, 12}, new String[] {});

        final String organisation;
        private final int[] volumes;
        final String[] sendingIps;

        Sender(String organisation, int[] volumes, String[] sendingIps) {
            this.organisation = organisation + ORGANISATION_SUFFIX;
            this.volumes = volumes;
            this.sendingIps = sendingIps;
        }

        int volume(Domain domain) {
            return volumes[domain.ordinal()];
        }
    }

    /** One policy's counts and failure details, before it is written in a sender's shape. */
    private record Counts(long successful, long failed, List<Map<String, Object>> details) {
    }

    private static DemoReport report(Sender sender, Domain domain, LocalDate day, int volume) {
        long epochDay = day.toEpochDay();
        Random random = new Random(SEED * 1_000_003L + epochDay * 31L + sender.ordinal() * 7L + domain.ordinal());
        int place = (int) Math.floorMod(epochDay, CYCLE);
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        long sessions = Math.round(volume * (weekend ? 0.55 : 1.0) * (0.85 + 0.3 * random.nextDouble()));
        Counts counts = counts(sender, domain.mx(place), sessions, random);
        Map<String, Object> report = switch (sender) {
            case GOOGLE -> google(domain, day, counts);
            case MICROSOFT -> microsoft(domain, day, counts, random);
            case YAHOO -> yahoo(domain, day, counts, random);
            case MAIL_RU -> mailRu(domain, day, counts, random);
        };
        // Mail.ru writes its reports indented with the keys in alphabetical order; the others compact
        byte[] json = json(report, sender == Sender.MAIL_RU);
        String fileName = sender.name().toLowerCase(Locale.ROOT).replace('_', '.') + "!" + domain.name
                + "!" + day + ".json";
        return new DemoReport(sender.organisation, domain.name, day, fileName, json, counts.successful(),
                counts.failed());
    }

    private static byte[] json(Map<String, Object> report, boolean sortedAndIndented) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            if (sortedAndIndented) {
                json.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            write(json, report, sortedAndIndented);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return bytes.toByteArray();
    }

    private static void write(JsonGenerator json, Object value, boolean sorted) throws IOException {
        if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : sorted ? new TreeMap<>(map).entrySet() : map.entrySet()) {
                json.writeFieldName((String) entry.getKey());
                write(json, entry.getValue(), sorted);
            }
            json.writeEndObject();
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                write(json, item, sorted);
            }
            json.writeEndArray();
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else {
            json.writeString((String) value);
        }
    }

    private static Counts counts(Sender sender, List<Mx> mxs, long sessions, Random random) {
        long failed = 0;
        List<Map<String, Object>> details = new ArrayList<>();
        for (Mx mx : mxs) {
            long toMx = Math.round(sessions * mx.share());
            if (mx.failure() == null) {
                continue;
            }
            long failedHere = Math.round(toMx * mx.failedShare());
            failed += failedHere;
            if (sender == Sender.MAIL_RU) {
                // Mail.ru names neither sending IP nor MX, and its details may count more than its summary
                details.add(detail(mx.failure(), null, null, null, failedHere + 1, reasonCode(mx)));
                continue;
            }
            long left = failedHere;
            for (int i = 0; i < sender.sendingIps.length && left > 0; i++) {
                long part = i == sender.sendingIps.length - 1 ? left
                        : Math.round(left * (0.4 + 0.3 * random.nextDouble()));
                left -= part;
                if (part > 0) {
                    details.add(detail(mx.failure(), sender.sendingIps[i], mx.host(), mx.ip(), part, null));
                }
            }
        }
        return new Counts(sessions - failed, failed, details);
    }

    private static String reasonCode(Mx mx) {
        return switch (mx.failure()) {
            case "certificate-expired" -> "x509: certificate has expired or is not yet valid";
            case "starttls-not-supported" -> "server does not support STARTTLS";
            default -> "mx host " + mx.host() + " does not match any mx in policy";
        };
    }

    private static Map<String, Object> detail(String resultType, String sendingIp, String mxHost, String mxIp,
            long count, String reasonCode) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("result-type", resultType);
        if (sendingIp != null) {
            detail.put("sending-mta-ip", sendingIp);
            detail.put("receiving-mx-hostname", mxHost);
            detail.put("receiving-ip", mxIp);
        }
        detail.put("failed-session-count", count);
        if (reasonCode != null) {
            detail.put("failure-reason-code", reasonCode);
        }
        return detail;
    }

    private static Map<String, Object> envelope(Sender sender, String start, String end, String reportId) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("organization-name", sender.organisation);
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("start-datetime", start);
        range.put("end-datetime", end);
        report.put("date-range", range);
        report.put("contact-info", CONTACT);
        report.put("report-id", reportId);
        return report;
    }

    private static Map<String, Object> policy(String type, List<String> policyString, Domain domain,
            List<String> mxHost, Counts counts) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("policy-type", type);
        if (policyString != null) {
            policy.put("policy-string", policyString);
        }
        policy.put("policy-domain", domain.name);
        if (mxHost != null) {
            policy.put("mx-host", mxHost);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total-successful-session-count", counts.successful());
        summary.put("total-failure-session-count", counts.failed());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("policy", policy);
        entry.put("summary", summary);
        if (!counts.details().isEmpty()) {
            entry.put("failure-details", counts.details());
        }
        return entry;
    }

    private static List<String> stsPolicy(Domain domain, int maxAge) {
        List<String> lines = new ArrayList<>(List.of("version: STSv1", "mode: enforce"));
        domain.policyMx().forEach(mx -> lines.add("mx: " + mx));
        lines.add("max_age: " + maxAge);
        return lines;
    }

    /** Compact, one day ending 23:59:59Z, the report id is the start and the domain, mx-host listed. */
    private static Map<String, Object> google(Domain domain, LocalDate day, Counts counts) {
        Map<String, Object> report = envelope(Sender.GOOGLE, day + "T00:00:00Z", day + "T23:59:59Z",
                day + "T00:00:00Z_" + domain.name);
        report.put("policies", List.of(domain.hasSts()
                ? policy("sts", stsPolicy(domain, 604800), domain, domain.policyMx(), counts)
                : policy("no-policy-found", null, domain, null, counts)));
        return report;
    }

    /**
     * Datetimes without a time zone, an 18-digit report id with the domain, no mx-host, and for a domain with DANE
     * a tlsa policy over the same sessions whose policy-string holds the records as one JSON-encoded string.
     */
    private static Map<String, Object> microsoft(Domain domain, LocalDate day, Counts counts, Random random) {
        long ticks = (day.toEpochDay() * 86_400L + 62_135_596_800L) * 10_000_000L + 3_600L * 10_000_000L
                + (long) (random.nextDouble() * 3_600L * 10_000_000L);
        Map<String, Object> report = envelope(Sender.MICROSOFT, day + "T00:00:00", day + "T23:59:59",
                ticks + "+" + domain.name);
        List<Map<String, Object>> policies = new ArrayList<>();
        policies.add(policy("sts", stsPolicy(domain, 86400), domain, null, counts));
        if (domain.hasTlsa()) {
            policies.add(policy("tlsa", List.of(TLSA_RECORDS), domain, null, counts));
        }
        report.put("policies", policies);
        return report;
    }

    /** The RFC's shape: a UUID report id, a day ending 23:59:59Z, mx-host listed. */
    private static Map<String, Object> yahoo(Domain domain, LocalDate day, Counts counts, Random random) {
        Map<String, Object> report = envelope(Sender.YAHOO, day + "T00:00:00Z", day + "T23:59:59Z",
                new UUID(random.nextLong(), random.nextLong()).toString());
        report.put("policies", List.of(domain.hasSts()
                ? policy("sts", stsPolicy(domain, 604800), domain, domain.policyMx(), counts)
                : policy("no-policy-found", null, domain, null, counts)));
        return report;
    }

    /** Indented with sorted keys, the day ending at the next midnight, no policy-string, details without hosts. */
    private static Map<String, Object> mailRu(Domain domain, LocalDate day, Counts counts, Random random) {
        Map<String, Object> report = envelope(Sender.MAIL_RU, day + "T00:00:00Z", day.plusDays(1) + "T00:00:00Z",
                new UUID(random.nextLong(), random.nextLong()) + "@mail.ru");
        report.put("policies", List.of(policy(domain.hasSts() ? "sts" : "no-policy-found", null, domain, null,
                counts)));
        return report;
    }
}
