package org.tlsrpt.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.tlsrpt.app.config.ChecksConfig;
import org.tlsrpt.app.config.ConfigCheck;
import org.tlsrpt.checks.CheckSettings;
import org.tlsrpt.checks.DomainCheck;
import org.tlsrpt.checks.DomainCheckJson;
import org.tlsrpt.checks.DomainCheckTable;
import org.tlsrpt.checks.DomainChecker;
import org.tlsrpt.checks.DomainName;
import org.tlsrpt.checks.Parsed;

/**
 * {@code tlsrpt check-domain D… [--json]}: checks each domain now, as a sending MTA sees it, with the
 * {@code tlsrpt.checks.*} settings; prints a table per domain, or with {@code --json} one JSON object per domain
 * and line ({@link DomainCheckJson}). Exit status 0 when every result is {@code ok}, 1 otherwise, 2 on usage or
 * configuration errors. Starts nothing else: no Kafka, no ClickHouse.
 */
public final class CheckDomainCommand {

    static final String USAGE = "usage: tlsrpt check-domain DOMAIN... [--json]";

    private CheckDomainCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean json = false;
        List<String> domains = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.startsWith("-")) {
                err.println("tlsrpt check-domain: unknown option '" + arg + "'");
                err.println(USAGE);
                return 2;
            } else {
                Parsed<String> domain = DomainName.parse(arg);
                if (!domain.valid()) {
                    err.println("tlsrpt check-domain: " + domain.problem());
                    return 2;
                }
                domains.add(domain.value());
            }
        }
        if (domains.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        CheckSettings settings;
        try {
            ChecksConfig config = CheckConfigCommand.load(ChecksConfig.class).getConfigMapping(ChecksConfig.class);
            List<String> problems = ConfigCheck.problems(config);
            if (!problems.isEmpty()) {
                err.println("tlsrpt check-domain: invalid configuration:");
                problems.forEach(problem -> err.println("  - " + problem));
                return 2;
            }
            settings = config.settings();
        } catch (RuntimeException e) {
            err.println("tlsrpt check-domain: invalid configuration: " + e.getMessage());
            return 2;
        }
        boolean allOk = true;
        try (DomainChecker checker = new DomainChecker(settings, Clock.systemUTC())) {
            for (String domain : domains) {
                DomainCheck check = checker.check(domain);
                allOk &= check.ok();
                if (json) {
                    DomainCheckJson.writeLine(check, out);
                } else {
                    DomainCheckTable.print(check, out);
                }
            }
        } catch (IOException e) {
            err.println("tlsrpt check-domain: " + e.getMessage());
            return 2;
        }
        return allOk ? 0 : 1;
    }
}
