package org.tlsrpt.app.cli;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.ingest.IntakeRefusal;
import org.tlsrpt.ingest.IntakeResult;

/** What {@code tlsrpt import} did, input by input, and the summary it prints at the end. */
final class ImportSummary {

    private final Set<String> keys = new HashSet<>();
    private final Map<String, Integer> quarantined = new TreeMap<>();
    private final Map<String, Integer> refused = new TreeMap<>();
    private int inputs;
    private int accepted;
    private int duplicates;
    private int errors;
    private long bytes;

    void count(IntakeResult result, long size) {
        inputs++;
        bytes += size;
        if (result instanceof IntakeResult.Stored stored) {
            stored.keys().forEach(this::accept);
        } else if (result instanceof IntakeResult.Quarantined q) {
            q.keys().forEach(this::accept);
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
        return quarantined.isEmpty() && refused.isEmpty() ? 0 : 1;
    }

    void print(PrintStream out, long elapsedMillis) {
        out.printf("imported %d input(s), %s, in %.1f s%n", inputs, size(bytes), elapsedMillis / 1000.0);
        out.printf("  accepted reports: %d%s%n", accepted, duplicates == 0 ? ""
                : " (" + duplicates + " seen again within this import; they count once)");
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
