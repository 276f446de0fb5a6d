package org.conduit.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code conduit} command: administration and user verbs in the style of {@code globus-connect-server}.
 * It speaks only the endpoint's REST APIs (the GCS Manager API, and the Transfer API paths the node answers on
 * the same address for permissions and file operations), so it drives a node on this host or across
 * the network the same way, and shares no code with the server.
 *
 * <p>Exit codes: 0 done, 1 the endpoint refused (4xx/5xx), 2 usage or configuration mistake, 3 cannot connect.
 */
@Command(name = "conduit", mixinStandardHelpOptions = true, versionProvider = ConduitCli.Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "Manage a Conduit endpoint and its data through its GCS Manager and Transfer APIs.",
    footer = {"", "Connection defaults come from the node's endpoint.json in $CONDUIT_HOME (else ~/.conduit):"
        + " manager_url, ca_cert and the administrator token file. `conduit serve` (the launcher) starts a node.",
        "Exit codes: 0 done, 1 the endpoint refused, 2 usage mistake, 3 cannot connect."},
    subcommands = {EndpointCommands.class, StorageGatewayCommands.class, CollectionCommands.class,
        RoleCommands.class, UserCredentialCommands.class, TokenCommands.class, WhoamiCommand.class,
        AclCommands.class, FileCommands.Ls.class, FileCommands.Stat.class, FileCommands.Mkdir.class,
        FileCommands.Rename.class, FileCommands.Rm.class, CommandLine.HelpCommand.class})
public final class ConduitCli {
    static final int OK = 0;
    static final int API_ERROR = 1;
    static final int USAGE = 2;
    static final int CANNOT_CONNECT = 3;

    @Option(names = "--manager-url", scope = ScopeType.INHERIT, paramLabel = "URL",
        description = "The endpoint's API, https://HOST:PORT (default: manager_url of endpoint.json).")
    String managerUrl;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
        description = "Bearer token (visible to other local users in the process list; prefer --token-file).")
    String token;

    @Option(names = "--token-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
        description = "File holding the bearer token (default: $CONDUIT_TOKEN, else the node's admin token"
            + " when readable).")
    Path tokenFile;

    @Option(names = "--ca-cert", scope = ScopeType.INHERIT, paramLabel = "PEM",
        description = "Trust only this CA (default: ca_cert of endpoint.json, else the system CAs).")
    Path caCert;

    @Option(names = {"-F", "--format"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
        description = "text (default) or json (the raw API documents).")
    Output.Format format = Output.Format.text;

    @Option(names = "--field", scope = ScopeType.INHERIT, paramLabel = "NAME",
        description = "Print only this field of each document (dotted path, e.g. id or policies.groups_allow).")
    String field;

    private final Map<String, String> env;
    private final Path userHome;
    private final PrintWriter out;
    private final PrintWriter err;
    private ManagerClient client;

    ConduitCli(Map<String, String> env, Path userHome, PrintWriter out, PrintWriter err) {
        this.env = env;
        this.userHome = userHome;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(System.getenv(), Path.of(System.getProperty("user.home")), out, err, args));
    }

    /** Runs one command line and answers its exit code; the entry point for {@code main} and for tests. */
    static int run(Map<String, String> env, Path userHome, PrintWriter out, PrintWriter err, String... args) {
        int code = commandLine(new ConduitCli(env, userHome, out, err)).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static CommandLine commandLine(ConduitCli cli) {
        CommandLine cl = new CommandLine(cli);
        cl.setOut(cli.out);
        cl.setErr(cli.err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((e, args) -> Reports.usage(e.getMessage(), e.getCommandLine(), cli.err, e));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ApiError api) {
                return Reports.api(api, cli.client, cli.err);
            }
            if (e instanceof CannotConnect c) {
                return Reports.cannotConnect(c, cli.err);
            }
            if (e instanceof UsageError u) {
                return Reports.usage(u.getMessage(), cmd, cli.err, null);
            }
            throw e;
        });
        return cl;
    }

    /** The API client, made on first use so that usage mistakes are reported before any configuration is read. */
    ManagerClient client() {
        if (client == null) {
            Settings settings = Settings.resolve(new Settings.Flags(managerUrl, token, tokenFile, caCert), env,
                userHome);
            client = new ManagerClient(settings, Version.current());
        }
        return client;
    }

    Output output() {
        return new Output(out, format, field);
    }

    PrintWriter err() {
        return err;
    }

    /** The version of the jar (from its manifest), for --version and the User-Agent. */
    static final class Version implements CommandLine.IVersionProvider {
        static String current() {
            String v = ConduitCli.class.getPackage().getImplementationVersion();
            return v != null ? v : "development";
        }

        @Override
        public String[] getVersion() {
            return new String[] {"conduit " + current()};
        }
    }
}
