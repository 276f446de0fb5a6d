package org.conduit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code conduit token issue|revoke}: the endpoint's own bearer tokens, for sites without an identity provider.
 */
@Command(name = "token", description = "Tokens issued by the endpoint itself.", synopsisSubcommandLabel = "COMMAND",
    mixinStandardHelpOptions = true, subcommands = {TokenCommands.Issue.class, TokenCommands.Revoke.class})
final class TokenCommands {
    static final String TOKEN_REQUEST = "local_token_request#1.0.0";

    @Command(name = "issue", mixinStandardHelpOptions = true,
        description = {"Issue a token for a user (administrators only).",
            "Text output is the token alone on stdout (for $(...)); who and until when go to stderr."})
    static final class Issue extends ApiCommand {
        @Parameters(paramLabel = "USERNAME",
            description = "alice (the endpoint's local identity domain is added) or alice@example.org.")
        String username;

        @Option(names = "--lifetime", paramLabel = "DURATION", converter = Lifetime.class,
            description = "How long the token is valid: 90s, 30m, 12h, 7d or ISO-8601 like PT1H"
                + " (default: the endpoint's).")
        Duration lifetime;

        ObjectNode request() {
            ObjectNode doc = Json.document(TOKEN_REQUEST);
            doc.put("username", username);
            if (lifetime != null) {
                doc.put("lifetime_seconds", lifetime.toSeconds());
            }
            return doc;
        }

        @Override
        void run() {
            ObjectNode body = request();
            JsonNode token = api().post("/api/tokens", body).path("data").path(0);
            Output output = output();
            if (output.format() == Output.Format.text && !output.selectsField()) {
                output.line(token.path("token").asText());
                root().err().println("token for " + token.path("username").asText() + ", expires at "
                    + token.path("expires_at").asText());
            } else {
                output.document(token);
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {"Revoke a token this endpoint issued, before it expires (your own, or any as administrator).",
            "The token to revoke is read from a file (or - for stdin), so it never appears in the process list."})
    static final class Revoke extends ApiCommand {
        @Parameters(paramLabel = "TOKEN_FILE", description = "File holding the token to revoke, or - for stdin.")
        String tokenFile;

        @Override
        void run() {
            String token;
            try {
                token = (tokenFile.equals("-") ? new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    : java.nio.file.Files.readString(java.nio.file.Path.of(tokenFile))).strip();
            } catch (java.io.IOException e) {
                throw new UsageError("cannot read the token to revoke from " + tokenFile + ": " + e.getMessage());
            }
            ObjectNode body = Json.document("local_token_revocation_request#1.0.0");
            body.put("token", token);
            JsonNode done = api().post("/api/tokens/revoke", body).path("data").path(0);
            Output output = output();
            if (output.format() == Output.Format.text && !output.selectsField()) {
                output.line("revoked the token of " + done.path("username").asText() + " (it would have expired at "
                    + done.path("expires_at").asText() + ")");
            } else {
                output.document(done);
            }
        }
    }

    /** {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}, a bare number of seconds, or ISO-8601. */
    static final class Lifetime implements ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd]?)");

        @Override
        public Duration convert(String value) {
            Duration d;
            Matcher m = SHORT.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofSeconds(n);
                };
            } else {
                try {
                    d = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException e) {
                    throw new TypeConversionException("'" + value + "' is not a duration; write e.g. 90s, 30m, 12h,"
                        + " 7d or PT1H");
                }
            }
            if (d.isNegative() || d.isZero()) {
                throw new TypeConversionException("a token lifetime must be positive");
            }
            return d;
        }
    }
}
