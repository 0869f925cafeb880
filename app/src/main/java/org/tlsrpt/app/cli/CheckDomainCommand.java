package org.tlsrpt.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tlsrpt.app.config.ChecksConfig;
import org.tlsrpt.app.config.ConfigCheck;
import org.tlsrpt.checks.CheckSettings;
import org.tlsrpt.checks.DomainCheck;
import org.tlsrpt.checks.DomainCheckJson;
import org.tlsrpt.checks.DomainCheckTable;
import org.tlsrpt.checks.DomainChecker;
import org.tlsrpt.checks.DomainName;
import org.tlsrpt.checks.Parsed;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tlsrpt check-domain D… [--json]}: checks each domain now, as a sending MTA sees it, with the
 * {@code tlsrpt.checks.*} settings; prints a table per domain, or with {@code --json} one JSON object per domain
 * and line ({@link DomainCheckJson}). Exit status 0 when every result is {@code ok}, 1 otherwise, 2 on usage or
 * configuration errors. Starts nothing else: no Kafka, no ClickHouse.
 */
@Command(name = "check-domain",
        description = {"Check each domain now as a sending MTA sees it: TLSRPT and MTA-STS records, policy, MX, "
                + "DNSSEC/TLSA, STARTTLS, certificates (settings tlsrpt.checks.*, docs/diagnosis.md).",
                "Exit status 0 when all is ok, 1 otherwise, 2 on usage or configuration errors."})
final class CheckDomainCommand implements Callable<Integer> {

    @Option(names = "--json", description = "One JSON object per domain and line instead of a table.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "DOMAIN", description = "A domain that receives mail, like example.com.")
    List<String> names;

    @Spec
    CommandSpec spec;

    private final Streams streams;

    CheckDomainCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        PrintStream out = streams.out();
        PrintStream err = streams.err();
        List<String> domains = new ArrayList<>();
        for (String name : names) {
            Parsed<String> domain = DomainName.parse(name);
            if (!domain.valid()) { // here, not in a converter: picocli would call a bad name after a good one unmatched
                throw new CommandLine.ParameterException(spec.commandLine(), domain.problem());
            }
            domains.add(domain.value());
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
