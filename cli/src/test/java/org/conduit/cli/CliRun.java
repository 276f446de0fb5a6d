package org.conduit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** One in-process run of the CLI with stdout and stderr captured, as a user would see them. */
record CliRun(int exit, String out, String err) {
    static CliRun run(Map<String, String> env, Path userHome, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ConduitCli.run(env, userHome, new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Parses without running and answers the innermost command object, for request-document tests. */
    @SuppressWarnings("unchecked")
    static <T> T parse(Class<T> type, String... args) {
        ConduitCli cli = new ConduitCli(Map.of(), Path.of("/nonexistent"), new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()));
        CommandLine.ParseResult parsed = ConduitCli.commandLine(cli).parseArgs(args);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return (T) parsed.commandSpec().userObject();
    }

    /** Everything printed, for assertions that must hold on both streams. */
    String all() {
        return out + err;
    }
}
