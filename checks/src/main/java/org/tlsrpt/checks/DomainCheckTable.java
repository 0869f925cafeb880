package org.tlsrpt.checks;

import java.io.PrintStream;

/** The readable form of a {@link DomainCheck}: a heading and one row per result. */
public final class DomainCheckTable {

    private DomainCheckTable() {
    }

    public static void print(DomainCheck check, PrintStream out) {
        long failing = check.results().stream().filter(r -> !r.ok()).count();
        out.printf("%s  checked %s  %s%n", check.domain(), check.checkedAt(),
                failing == 0 ? "all ok" : failing + " not ok");
        int targetWidth = Math.max(6, check.results().stream().mapToInt(r -> r.target().length()).max().orElse(0));
        String row = "  %-18s %-" + targetWidth + "s %-25s %s%n";
        out.printf(row, "CHECK", "TARGET", "RESULT", "DETAIL");
        for (CheckResult result : check.results()) {
            out.printf(row, result.check().code(), result.target(), result.resultType().code(),
                    result.detail().replace('\n', ' '));
        }
        out.println();
    }
}
