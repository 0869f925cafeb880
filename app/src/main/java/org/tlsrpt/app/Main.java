package org.tlsrpt.app;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.tlsrpt.app.cli.ParseCommand;
import org.tlsrpt.core.Limits;

/** The {@code tlsrpt} command: dispatches to a subcommand. */
public final class Main {

    private static final String USAGE = """
            usage: tlsrpt COMMAND [ARGS]

            commands:
              parse FILE...   print each file's reports as canonical JSON lines (- reads stdin)
              help            show this text
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
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
}
