package org.tlsrpt.app.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.ingest.IntakeRefusal;
import org.tlsrpt.ingest.IntakeResult;
import org.tlsrpt.processor.write.Retention;

/**
 * What {@code tlsrpt import} did, input by input, and the summary it prints at the end. Reports dated before the
 * configured retention are named on their own line: Kafka took them, but the processor will put them in quarantine
 * ({@code outside-retention}) rather than count them, and an archive import is where they turn up by the thousand.
 * The summary judges by this process's configuration (the same {@code tlsrpt.clickhouse.retention-days} the processor
 * reads); it cannot see a processor configured otherwise.
 */
final class ImportSummary {

    private final Retention retention;
    private final Set<String> keys = new HashSet<>();
    private final Map<String, Integer> quarantined = new TreeMap<>();
    private final Map<String, Integer> refused = new TreeMap<>();
    private int inputs;
    private int accepted;
    private int duplicates;
    private int outsideRetention;
    private LocalDate oldestOutside;
    private int errors;
    private long bytes;

    ImportSummary(Retention retention) {
        this.retention = retention;
    }

    void count(IntakeResult result, long size) {
        inputs++;
        bytes += size;
        if (result instanceof IntakeResult.Stored stored) {
            stored.keys().forEach(this::accept);
            stored.days().forEach(this::dated);
        } else if (result instanceof IntakeResult.Quarantined q) {
            q.keys().forEach(this::accept);
            q.days().forEach(this::dated);
            q.reasons().forEach(reason -> quarantined.merge(reason.code().code(), 1, Integer::sum));
        } else if (result instanceof IntakeResult.NotAReport notAReport) {
            refuse(notAReport.reason());
        } else if (result instanceof IntakeResult.TooLarge tooLarge) {
            refuse(tooLarge.reason());
        } else if (result instanceof IntakeResult.Forbidden) {
            refused.merge(IntakeRefusal.DOMAIN_NOT_ALLOWED.code(), 1, Integer::sum);
        } else {
            errors++;
        }
    }

    /** Over the size limit before reading: refused without being handed to the intake. */
    void tooLarge(long size) {
        inputs++;
        bytes += size;
        refused.merge(IntakeRefusal.TOO_LARGE.code(), 1, Integer::sum);
    }

    /** A file that could not be read. */
    void unreadable() {
        errors++;
    }

    private void accept(String key) {
        accepted++;
        if (!keys.add(key)) {
            duplicates++;
        }
    }

    private void dated(LocalDate day) {
        if (!retention.keeps(day)) {
            outsideRetention++;
            oldestOutside = oldestOutside == null || day.isBefore(oldestOutside) ? day : oldestOutside;
        }
    }

    private void refuse(Refusal reason) {
        refused.merge(reason.code().code(), 1, Integer::sum);
    }

    int errors() {
        return errors;
    }

    /** 0: every input was stored; 1: some were quarantined or refused; 3: some could not be handed over. */
    int exitStatus() {
        if (errors > 0) {
            return 3;
        }
        return quarantined.isEmpty() && refused.isEmpty() && outsideRetention == 0 ? 0 : 1;
    }

    void print(PrintStream out, long elapsedMillis) {
        out.printf("imported %d input(s), %s, in %.1f s%n", inputs, size(bytes), elapsedMillis / 1000.0);
        out.printf("  accepted reports: %d%s%n", accepted, duplicates == 0 ? ""
                : " (" + duplicates + " seen again within this import; they count once)");
        if (outsideRetention > 0) {
            out.printf("  outside retention: %d (oldest dated %s; the tables keep %d days, from %s): the processor "
                    + "puts them in quarantine as %s instead of counting them; to count them, raise "
                    + "tlsrpt.clickhouse.retention-days (docs/schema.md) and run `tlsrpt reprocess --reason %s`%n",
                    outsideRetention, oldestOutside, retention.days(), retention.firstKeptDay(),
                    RefusalCode.OUTSIDE_RETENTION.code(), RefusalCode.OUTSIDE_RETENTION.code());
        }
        out.printf("  quarantined:      %d%s%n", total(quarantined), breakdown(quarantined));
        out.printf("  refused:          %d%s%n", total(refused), breakdown(refused));
        out.printf("  errors:           %d%n", errors);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    private static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String breakdown(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" (");
        counts.forEach((code, n) -> text.append(code).append(' ').append(n).append(", "));
        text.setLength(text.length() - 2);
        return text.append(')').toString();
    }
}
