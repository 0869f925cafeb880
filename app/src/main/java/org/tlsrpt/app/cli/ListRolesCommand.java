package org.tlsrpt.app.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.tlsrpt.app.config.Role;
import picocli.CommandLine.Command;

/** {@code tlsrpt list-roles} (also {@code tlsrpt --list-roles}): the roles a process can run, one a line. */
@Command(name = "list-roles", description = "List the roles a process can run (also --list-roles).")
final class ListRolesCommand implements Callable<Integer> {

    private final Streams streams;

    ListRolesCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        print(streams.out());
        return 0;
    }

    static void print(PrintStream out) {
        for (Role role : Role.values()) {
            out.printf("%-10s %s%n", role.configName(), role.description());
        }
    }
}
