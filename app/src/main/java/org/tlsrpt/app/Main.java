package org.tlsrpt.app;

import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.tlsrpt.app.cli.Streams;
import org.tlsrpt.app.cli.TlsrptCommand;

/**
 * The {@code tlsrpt} command ({@link TlsrptCommand}). {@code run} starts the configured roles under Quarkus; the other
 * commands work on files or configuration and start nothing, so they are quick and print only their own output.
 */
@QuarkusMain
public final class Main {

    Main() {
    }

    public static void main(String... args) {
        System.exit(TlsrptCommand.execute(Arrays.asList(args), Streams.system()));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        return TlsrptCommand.execute(args, Streams.of(System.in, out, err));
    }
}
