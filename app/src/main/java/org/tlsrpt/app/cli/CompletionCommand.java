package org.tlsrpt.app.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tlsrpt completion}: prints a bash (and zsh, through bashcompinit) completion script for every command and
 * option, generated from the same command tree that parses them, so it cannot fall behind.
 */
@Command(name = "completion",
        description = {"Print the bash completion script for tlsrpt.",
                "Load it in the current shell with: source <(tlsrpt completion)",
                "or keep it: tlsrpt completion > /etc/bash_completion.d/tlsrpt"})
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Streams streams;

    CompletionCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        streams.out().print(AutoComplete.bash("tlsrpt", spec.root().commandLine()));
        return 0;
    }
}
