package org.tlsrpt.app.cli;

import java.io.PrintStream;
import picocli.CommandLine.Option;

/** {@code --list-roles}, kept on {@code tlsrpt} and {@code tlsrpt run} as before the {@code list-roles} command. */
final class ListRolesOption {

    @Option(names = "--list-roles", description = "List the roles a process can run and exit.")
    boolean requested;

    /** True when asked for, after listing the roles on {@code out}. */
    boolean listed(PrintStream out) {
        if (requested) {
            ListRolesCommand.print(out);
        }
        return requested;
    }
}
