package org.tlsrpt.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tlsrpt.app.cli.CheckConfigCommand;
import org.tlsrpt.app.cli.CheckDomainCommand;
import org.tlsrpt.app.cli.DemoCommand;
import org.tlsrpt.app.cli.ImportCommand;
import org.tlsrpt.app.cli.MigrateCommand;
import org.tlsrpt.app.cli.ReprocessCommand;
import org.tlsrpt.app.cli.ParseCommand;
import org.tlsrpt.app.cli.TokenCommand;
import org.tlsrpt.embedded.GlibcMalloc;
import org.tlsrpt.app.config.Role;
import org.tlsrpt.core.Limits;

/**
 * The {@code tlsrpt} command. {@code run} starts the configured roles under Quarkus; the other commands work on
 * files or configuration and start nothing, so they are quick and print only their own output.
 */
@QuarkusMain
public final class Main {

    private static final String USAGE = """
            usage: tlsrpt COMMAND [ARGS]

            commands:
              run [--data-dir DIR] [--demo]
                                     start the configured roles (default: all, with embedded Kafka and ClickHouse);
                                     --demo feeds 90 days of made-up reports once it is up (as `demo` does)
              parse FILE...          print each file's reports as canonical JSON lines (- reads stdin)
              migrate                apply the ClickHouse schema migrations and exit (a second run changes nothing)
              reprocess [--since ISO-INSTANT|DATE] [--reason CODE]
                                     hand quarantined items again to the intake (today's parser, the same
                                     allow-list and DKIM policy) and publish those that pass (to the configured
                                     Kafka and ClickHouse, or a running `tlsrpt run` on the same data directory)
              import [--kafka HOST:PORT] PATH...
                                     hand files, directories, mbox files and Maildirs to a running
                                     tlsrpt's Kafka, like reports received by HTTP (starts nothing itself)
              demo [--kafka HOST:PORT]
                                     hand 90 days of made-up reports for example.com, .net and .org to a running
                                     tlsrpt, like `import` (a second run the same day adds nothing)
              check-domain DOMAIN... [--json]
                                     check each domain now as a sending MTA sees it (TLSRPT and MTA-STS
                                     records, policy, MX, DNSSEC/TLSA, STARTTLS, certificates); exit 0 when
                                     all is ok, 1 otherwise (settings tlsrpt.checks.*, docs/diagnosis.md)
              check-config           check the configuration and say what is wrong with it
              token create|list|revoke
                                     manage the query API's bearer tokens (tlsrpt token for details)
              list-roles             list the roles a process can run (also --list-roles)
              help                   show this text

            Configuration: src/main/resources/application.properties, system properties (-Dtlsrpt.roles=ingest)
            or environment variables (TLSRPT_ROLES=ingest, TLSRPT_DATA_DIR=/var/lib/tlsrpt).
            """;

    Main() {
    }

    public static void main(String... args) {
        List<String> arguments = Arrays.asList(args);
        if (!arguments.isEmpty() && arguments.get(0).equals("run")) {
            List<String> rest = applyRunOptions(arguments.subList(1, arguments.size()), System.err);
            if (rest == null) {
                System.exit(2);
            }
            GlibcMalloc.keepFreedMemory(); // Kafka's per-batch zstd contexts; see its comment
            Quarkus.run(RunApplication.class, rest.toArray(String[]::new));
            return;
        }
        System.exit(run(arguments, System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        List<String> rest = args.subList(1, args.size());
        switch (args.get(0)) {
            case "parse":
                return new ParseCommand(Limits.DEFAULTS).run(rest, System.in, out, err);
            case "migrate":
                return MigrateCommand.run(rest, out, err);
            case "reprocess":
                return ReprocessCommand.run(rest, out, err);
            case "import":
                return new ImportCommand(out, err, System.console() != null).run(rest);
            case "demo":
                return new DemoCommand(out, err, Clock.systemUTC()).run(rest);
            case "check-domain":
                return CheckDomainCommand.run(rest, out, err);
            case "check-config":
                return CheckConfigCommand.run(out, err);
            case "token":
                return TokenCommand.run(rest, out, err);
            case "list-roles":
            case "--list-roles":
                listRoles(out);
                return 0;
            case "help":
            case "--help":
            case "-h":
                out.print(USAGE);
                return 0;
            default:
                err.println("tlsrpt: unknown command '" + args.get(0) + "'");
                err.print(USAGE);
                return 2;
        }
    }

    static void listRoles(PrintStream out) {
        for (Role role : Role.values()) {
            out.printf("%-10s %s%n", role.configName(), role.description());
        }
    }

    /** Turns {@code run}'s own options into configuration; returns the rest, or null after a usage error. */
    static List<String> applyRunOptions(List<String> args, PrintStream err) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--data-dir") && i + 1 < args.size()) {
                System.setProperty("tlsrpt.data-dir", args.get(++i));
            } else if (arg.startsWith("--data-dir=")) {
                System.setProperty("tlsrpt.data-dir", arg.substring("--data-dir=".length()));
            } else if (arg.equals("--demo")) {
                rest.add(arg); // RunApplication feeds the demo once the roles are up
            } else if (arg.equals("--list-roles")) {
                listRoles(System.out);
                System.exit(0);
            } else if (arg.startsWith("--")) {
                err.println("tlsrpt run: unknown option '" + arg + "'");
                err.print(USAGE);
                return null;
            } else {
                rest.add(arg);
            }
        }
        return rest;
    }
}
