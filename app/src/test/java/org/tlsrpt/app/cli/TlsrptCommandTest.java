package org.tlsrpt.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line as a user meets it: help for every command both ways, and usage errors that all end with
 * status 2, the problem named and the usage on stderr, nothing on stdout. None of these reaches Kafka or
 * ClickHouse: parsing fails (or help is printed) before a command runs.
 */
class TlsrptCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(List<String> args) {
        return TlsrptCommand.execute(args, Streams.of(InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private int run(String... args) {
        return run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Every command and subcommand, as the words that name it ("token create"), from the tree itself. */
    static Stream<String> everyCommand() {
        List<String> names = new ArrayList<>();
        collect(TlsrptCommand.commandLine(Streams.of(InputStream.nullInputStream(), System.out, System.err)), "",
                names);
        return names.stream();
    }

    private static void collect(CommandLine command, String prefix, List<String> names) {
        command.getSubcommands().forEach((name, sub) -> {
            String words = (prefix + " " + name).trim();
            names.add(words);
            collect(sub, words, names);
        });
    }

    private static CommandSpec spec(String words) {
        CommandLine command = TlsrptCommand.commandLine(Streams.of(InputStream.nullInputStream(), System.out,
                System.err));
        for (String word : words.split(" ")) {
            command = command.getSubcommands().get(word);
        }
        return command.getCommandSpec();
    }

    @Test
    void theTreeHoldsEveryCommandOfTheOldDispatch() {
        assertThat(everyCommand()).contains("run", "parse", "migrate", "reprocess", "import", "demo", "check-domain",
                "check-config", "token", "token create", "token list", "token revoke", "list-roles", "help",
                "completion");
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void helpCommandPrintsTheUsageNamingEveryOption(String words) {
        List<String> args = new ArrayList<>(List.of("help"));
        args.addAll(List.of(words.split(" ")));

        assertThat(run(args)).as(err()).isZero();

        assertUsageNamesEveryOption(words, out());
        assertThat(err()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void helpOptionPrintsTheSameUsage(String words) {
        List<String> helpCommand = new ArrayList<>(List.of("help"));
        helpCommand.addAll(List.of(words.split(" ")));
        assertThat(run(helpCommand)).isZero();
        String fromHelpCommand = out();
        for (String help : List.of("--help", "-h")) {
            out.reset();
            List<String> args = new ArrayList<>(List.of(words.split(" ")));
            args.add(help);

            assertThat(run(args)).as(err()).isZero();

            assertUsageNamesEveryOption(words, out());
            assertThat(out()).as("the tree of one command says what the whole tree says").isEqualTo(fromHelpCommand);
            assertThat(err()).isEmpty();
        }
    }

    private static void assertUsageNamesEveryOption(String words, String usage) {
        assertThat(usage).startsWith("Usage: tlsrpt " + words);
        for (OptionSpec option : spec(words).options()) {
            if (!option.hidden()) {
                assertThat(usage).as(words).contains(option.longestName());
            }
        }
        spec(words).positionalParameters().forEach(parameter ->
                assertThat(usage).as(words).contains(parameter.paramLabel()));
    }

    @Test
    void anUnknownCommandIsAUsageErrorThatSuggestsTheNearOne() {
        assertThat(run("imprt", "reports/")).isEqualTo(2);

        assertThat(err()).startsWith("tlsrpt: unknown command 'imprt'").contains("Did you mean").contains("import")
                .contains("Usage: tlsrpt");
        assertThat(out()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void anUnknownOptionIsAUsageErrorOfThatCommand(String words) {
        List<String> args = new ArrayList<>(List.of(words.split(" ")));
        args.add("--frobnicate");
        if (!spec(words).positionalParameters().isEmpty() && !words.equals("help")) {
            args.add("example.com"); // the required argument given: the option is the only problem
        }

        assertThat(run(args)).as(out() + "|" + err()).isEqualTo(2);

        assertThat(err()).startsWith("tlsrpt " + words + ": ").contains("'--frobnicate'")
                .contains("Usage: tlsrpt " + words);
        assertThat(out()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("missingArguments")
    void aMissingArgumentIsAUsageErrorNamingIt(String command, String line, String named) {
        assertThat(run(line.split(" "))).as(err()).isEqualTo(2);

        assertThat(err()).startsWith("tlsrpt " + command + ": ").contains(named)
                .contains("Usage: tlsrpt " + command);
        assertThat(out()).isEmpty();
    }

    static Stream<Arguments> missingArguments() {
        return Stream.of(
                Arguments.of("parse", "parse", "FILE"),
                Arguments.of("import", "import", "PATH"),
                Arguments.of("import", "import --kafka", "--kafka"),
                Arguments.of("check-domain", "check-domain", "DOMAIN"),
                Arguments.of("check-domain", "check-domain --json", "DOMAIN"),
                Arguments.of("reprocess", "reprocess --since", "--since"),
                Arguments.of("token", "token", "create, list or revoke"),
                Arguments.of("token create", "token create", "--all-domains"),
                Arguments.of("token revoke", "token revoke", "ID"));
    }

    @Test
    void helpForAnUnknownCommandIsAUsageError() {
        assertThat(run("help", "token", "renew")).isEqualTo(2);

        assertThat(err()).startsWith("tlsrpt help: unknown command 'renew'").contains("Usage: tlsrpt help");
        assertThat(out()).isEmpty();
    }

    @Test
    void anInvalidDomainIsAUsageErrorWhereverItStands() {
        assertThat(run("check-domain", "example.com", "not a domain")).isEqualTo(2);

        assertThat(err()).startsWith("tlsrpt check-domain: ").contains("is no domain name")
                .contains("Usage: tlsrpt check-domain");
        assertThat(out()).isEmpty();
    }

    @Test
    void aTokenScopeIsEitherAllDomainsOrAList() {
        assertThat(run("token", "create", "--all-domains", "--domains", "a.example")).isEqualTo(2);
        assertThat(err()).contains("mutually exclusive");
        err.reset();

        assertThat(run("token", "create", "--domains", "not a domain!")).isEqualTo(2);
        assertThat(err()).startsWith("tlsrpt token create: Invalid value for option '--domains'");
        assertThat(out()).isEmpty();
    }

    @Test
    void parseStillReadsStandardInputFromADash() {
        int status = TlsrptCommand.execute(List.of("parse", "-"), Streams.of(
                new java.io.ByteArrayInputStream("{}".getBytes(StandardCharsets.US_ASCII)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));

        assertThat(status).as(err()).isEqualTo(1);
        assertThat(out()).startsWith("{\"source\":\"-\",\"error\":");
        assertThat(err()).isEmpty();
    }

    @Test
    void completionPrintsABashScriptForEveryCommandAndOption() {
        assertThat(run("completion")).isZero();

        assertThat(out()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_tlsrpt")
                .contains("check-domain").contains("--json").contains("--kafka").contains("revoke");
        assertThat(err()).isEmpty();
    }
}
