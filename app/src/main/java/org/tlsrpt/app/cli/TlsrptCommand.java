package org.tlsrpt.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.tlsrpt.core.RootCause;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code tlsrpt} command line: every command, its options and help, parsed by picocli. Usage errors all look
 * alike: {@code tlsrpt COMMAND: what is wrong}, then the command's usage, on stderr, exit status 2. {@code help
 * COMMAND} and {@code COMMAND --help} print the usage on stdout with status 0. Only {@code run} starts Quarkus; the
 * others work on files, configuration or a running instance and print only their own output.
 */
@Command(name = "tlsrpt",
        description = "Collects SMTP TLS reports (RFC 8460): receives them by HTTPS, SMTP and IMAP, counts them "
                + "once, and shows them on a dashboard and a query API.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Configuration: src/main/resources/application.properties, system properties "
                + "(-Dtlsrpt.roles=ingest) or environment variables (TLSRPT_ROLES=ingest, "
                + "TLSRPT_DATA_DIR=/var/lib/tlsrpt).",
                "Run `tlsrpt help COMMAND` for a command's options."})
public final class TlsrptCommand implements Callable<Integer> {

    /** Every command, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(RunCommand.class, ParseCommand.class,
            MigrateCommand.class, ReprocessCommand.class, ImportCommand.class, DemoCommand.class, CheckDomainCommand.class,
            CheckConfigCommand.class, TokenCommand.class, ListRolesCommand.class, CompletionCommand.class,
            HelpCommand.class);

    /** Status of a usage error: unknown command or option, missing or invalid argument. */
    public static final int USAGE_ERROR = 2;

    @Mixin
    ListRolesOption listRoles;

    @Spec
    CommandSpec spec;

    private final Streams streams;

    TlsrptCommand(Streams streams) {
        this.streams = streams;
    }

    /** Without a command: the usage, as an error. */
    @Override
    public Integer call() {
        if (listRoles.listed(streams.out())) {
            return 0;
        }
        streams.err().print(spec.commandLine().getUsageMessage());
        return USAGE_ERROR;
    }

    /** Runs {@code args} as the {@code tlsrpt} command line; returns the exit status. */
    public static int execute(List<String> args, Streams streams) {
        CommandLine commandLine = commandLine(streams, args.isEmpty() ? null : args.get(0));
        try {
            return commandLine.execute(args.toArray(String[]::new));
        } finally {
            commandLine.getOut().flush();
            commandLine.getErr().flush();
            streams.out().flush();
            streams.err().flush();
        }
    }

    /** The whole command tree printing to {@code streams}, with the project's usage-error and failure handling. */
    static CommandLine commandLine(Streams streams) {
        return commandLine(streams, null);
    }

    /**
     * The tree with only {@code command} under the root when that names a command other than {@code help} and
     * {@code completion} (which show the whole tree), else with every command. Picocli reads every command's
     * annotations, and loads the classes they mention, when it builds a tree: {@code tlsrpt parse} should not pay
     * for {@code import}'s Kafka client. What the one command prints is the same either way.
     */
    static CommandLine commandLine(Streams streams, String command) {
        CommandFactory factory = new CommandFactory(streams);
        CommandLine commandLine = new CommandLine(new TlsrptCommand(streams), factory);
        boolean one = COMMANDS.stream().anyMatch(type -> nameOf(type).equals(command))
                && !command.equals("help") && !command.equals("completion");
        for (Class<?> type : COMMANDS) {
            if (!one || nameOf(type).equals(command)) {
                commandLine.addSubcommand(new CommandLine(type, factory));
            }
        }
        addHelpOption(commandLine);
        commandLine.setOut(new PrintWriter(streams.out(), true));
        commandLine.setErr(new PrintWriter(streams.err(), true));
        commandLine.setParameterExceptionHandler(TlsrptCommand::usageError);
        commandLine.setExecutionExceptionHandler((e, failed, parsed) -> {
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + RootCause.reason(e));
            return 1;
        });
        return commandLine;
    }

    private static String nameOf(Class<?> type) {
        return type.getAnnotation(Command.class).name();
    }

    /** {@code -h}/{@code --help} on every command, added once here rather than declared in each. */
    private static void addHelpOption(CommandLine command) {
        if (command.getCommandSpec().findOption("--help") == null) {
            command.getCommandSpec().addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help and exit.").build());
        }
        command.getSubcommands().values().forEach(TlsrptCommand::addHelpOption);
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        PrintWriter err = failed.getErr();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException unmatched && failed.getCommandSpec().parent() == null
                && !unmatched.isUnknownOption() && !unmatched.getUnmatched().isEmpty()) {
            message = "unknown command '" + unmatched.getUnmatched().get(0) + "'";
        }
        err.println(failed.getCommandSpec().qualifiedName() + ": " + message);
        UnmatchedArgumentException.printSuggestions(e, err);
        failed.usage(err);
        err.flush();
        return USAGE_ERROR;
    }
}
