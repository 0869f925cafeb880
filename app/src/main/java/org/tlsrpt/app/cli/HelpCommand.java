package org.tlsrpt.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tlsrpt help [COMMAND...]}: a command's usage on stdout, also for subcommands ({@code help token create},
 * which picocli's own help command does not follow); an unknown name is a usage error like any other.
 */
@Command(name = "help", helpCommand = true, description = "Show the usage of tlsrpt or of a command and exit.")
final class HelpCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The command (and subcommand) to explain.")
    List<String> command = List.of();

    @Spec
    CommandSpec spec;

    private final Streams streams;

    HelpCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        CommandLine shown = spec.root().commandLine();
        List<String> unmatched = spec.commandLine().getParseResult().unmatched();
        if (!unmatched.isEmpty()) { // picocli lets a help command pass over what it does not know; refuse it here
            throw new CommandLine.ParameterException(spec.commandLine(), "Unknown option: '" + unmatched.get(0) + "'");
        }
        for (String name : command) {
            CommandLine sub = shown.getSubcommands().get(name);
            if (sub == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown command '" + name + "'");
            }
            shown = sub;
        }
        streams.out().print(shown.getUsageMessage());
        return 0;
    }
}
