package org.conduit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where and as whom the CLI talks, resolved once: command-line flags first, then the environment, then the
 * local node's {@code endpoint.json} ({@code $CONDUIT_HOME}, else {@code ~/.conduit}). The node's CA and
 * administrator token are used only for the node that file describes, so pointing {@code --manager-url}
 * elsewhere never sends the local admin token to another server.
 *
 * @param managerUrl  the GCS Manager API base, {@code https://host:port}
 * @param caCert      the only CA to trust, or null for the system CAs
 * @param token       the bearer token, or null to call anonymously
 * @param tokenSource where the token came from, for error hints (never the token itself)
 */
record Settings(URI managerUrl, Path caCert, String token, String tokenSource) {
    static final String TOKEN_ENV = "CONDUIT_TOKEN";
    static final String HOME_ENV = "CONDUIT_HOME";

    /** Flags as given (null when absent). */
    record Flags(String managerUrl, String token, Path tokenFile, Path caCert) {
    }

    static Settings resolve(Flags flags, Map<String, String> env, Path userHome) {
        Path endpointJson = endpointJson(env, userHome);
        JsonNode local = Files.isRegularFile(endpointJson) ? Json.readFile(endpointJson, "endpoint file") : null;
        String localUrl = local == null ? null : stripSlash(local.path("manager_url").asText(null));

        String url = flags.managerUrl() != null ? stripSlash(flags.managerUrl()) : localUrl;
        if (url == null) {
            throw new UsageError("no manager URL: pass --manager-url https://HOST:8443, or run where the node"
                + " runs (its " + endpointJson + " names it; set " + HOME_ENV + " if the node's home is elsewhere)");
        }
        URI managerUrl = parseUrl(url);
        boolean localNode = url.equalsIgnoreCase(localUrl);

        Path ca = flags.caCert();
        if (ca == null && localNode && local.hasNonNull("ca_cert")) {
            ca = Path.of(local.get("ca_cert").asText());
        }

        String token = null;
        String source = null;
        if (flags.token() != null) {
            token = flags.token();
            source = "--token";
        } else if (flags.tokenFile() != null) {
            token = readToken(flags.tokenFile());
            source = "--token-file " + flags.tokenFile();
        } else if (env.get(TOKEN_ENV) != null && !env.get(TOKEN_ENV).isBlank()) {
            token = env.get(TOKEN_ENV).strip();
            source = "$" + TOKEN_ENV;
        } else if (localNode && local.hasNonNull("admin_token_file")) {
            Path file = Path.of(local.get("admin_token_file").asText());
            if (Files.isReadable(file)) {
                token = readToken(file);
                source = "the node's admin token " + file;
            }
        }
        if (token != null && (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c > '~'))) {
            throw new UsageError("the token from " + source + " is empty or has spaces or control characters;"
                + " a bearer token is one line of printable characters");
        }
        return new Settings(managerUrl, ca, token, source);
    }

    static Path endpointJson(Map<String, String> env, Path userHome) {
        String home = env.get(HOME_ENV);
        Path dir = home != null && !home.isBlank() ? Path.of(home) : userHome.resolve(".conduit");
        return dir.resolve("endpoint.json");
    }

    private static String stripSlash(String url) {
        if (url == null) {
            return null;
        }
        String s = url.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static URI parseUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new UsageError("the manager URL must be https://HOST[:PORT] (tokens only travel over TLS),"
                    + " not " + url);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageError("the manager URL " + url + " is not a URL: " + e.getMessage());
        }
    }

    private static String readToken(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UsageError("cannot read the token file " + file + ": " + e.getMessage());
        }
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "Settings[managerUrl=" + managerUrl + ", caCert=" + caCert + ", token "
            + (token == null ? "none" : "from " + tokenSource) + "]";
    }
}
