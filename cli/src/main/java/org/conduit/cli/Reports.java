package org.conduit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Failure reports on stderr, each with the exit code it ends with: what went wrong (for API errors the
 * server's {@code code} and {@code message}, from the GCS {@code result#1.1.0} error document or the Transfer
 * API's {@code {code, message, request_id, resource}}) and a hint of what to do next.
 */
final class Reports {
    private Reports() {
    }

    static int usage(String message, CommandLine command, PrintWriter err, CommandLine.ParameterException e) {
        err.println("conduit: " + message);
        if (e != null) {
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        }
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ConduitCli.USAGE;
    }

    static int cannotConnect(CannotConnect e, PrintWriter err) {
        err.println("conduit: " + e.getMessage());
        if (e.hint() != null) {
            err.println("  hint: " + e.hint());
        }
        err.flush();
        return ConduitCli.CANNOT_CONNECT;
    }

    static int api(ApiError e, ManagerClient client, PrintWriter err) {
        // The Transfer API repeats the node's own error type at the end of the message: said once is enough.
        String message = e.getMessage();
        if (message.endsWith(" (" + e.code() + ")")) {
            message = message.substring(0, message.length() - e.code().length() - 3);
        }
        err.println("conduit: " + e.code() + ": " + message);
        for (JsonNode problem : e.detail().path("errors")) {
            String property = problem.path("property").asText("");
            String line = (property.isEmpty() ? "" : property + ": ") + problem.path("message").asText();
            if (!e.getMessage().contains(line)) {
                err.println("  - " + line);
            }
        }
        StringBuilder request = new StringBuilder("  (HTTP " + e.status() + " answering " + e.method() + " " + e.path());
        if (e.resource() != null && !(ManagerClient.TRANSFER + e.resource()).equals(e.path())
                && !e.resource().equals(e.path())) {
            request.append(", resource ").append(e.resource());
        }
        if (e.requestId() != null) {
            request.append("; request_id ").append(e.requestId());
        }
        err.println(request.append(")"));
        String hint = hint(e, client);
        if (hint != null) {
            err.println("  hint: " + hint);
        }
        err.flush();
        return ConduitCli.API_ERROR;
    }

    static String hint(ApiError e, ManagerClient client) {
        if (e.status() == 401) {
            String source = client == null || client.settings().token() == null ? null
                : client.settings().tokenSource();
            return source == null
                ? "no token was sent: pass --token-file FILE or --token TOKEN, or set $CONDUIT_TOKEN; an"
                    + " administrator mints tokens with `conduit token issue USERNAME`"
                : "the token from " + source + " was refused (expired, revoked or for another endpoint); get a"
                    + " fresh one, e.g. from an administrator with `conduit token issue USERNAME`";
        }
        if (e.transfer()) {
            String hint = transferHint(e);
            if (hint != null) {
                return hint;
            }
        }
        if (e.code().equals("MissingRequiredRole")) {
            return "`conduit whoami` shows your identity and roles; an endpoint administrator can grant a role"
                + " with `conduit role create --role administrator --principal USER@DOMAIN`";
        }
        if (e.status() == 404) {
            String missingRoute = "this node does not offer " + e.method() + " " + e.path()
                + ": it runs an older Conduit than this CLI (GET /api/info shows its version)";
            if (e.path().split("/").length <= 3) {
                return missingRoute;
            }
            return "check the id (the list verbs show what exists)"
                + (e.code().equals("NotFound") ? "; if it is right, " + missingRoute : "");
        }
        if (e.code().equals("InvalidInput") || e.code().equals("ClientError.BadRequest")) {
            return "the message names the field at fault; --help lists the options that set it";
        }
        if (e.status() == 413) {
            return "the request is larger than the endpoint accepts";
        }
        if (e.code().startsWith("HTTP ")) {
            return "is --manager-url the node's API address (https://HOST:PORT, not a web page)?";
        }
        if (e.status() >= 500) {
            return "the endpoint failed; the node's log (logs/conduit.log in its home) has the details";
        }
        return null;
    }

    /** Hints for the Transfer API's error codes (its 403s and 404s say less than the GCS types). */
    private static String transferHint(ApiError e) {
        boolean operation = e.path().startsWith(ManagerClient.TRANSFER + "/operation/");
        if (e.status() == 403) {
            return operation
                ? "`conduit whoami` shows the identity your token stands for; on a guest collection its owner"
                    + " or an access manager grants access with `conduit acl create`"
                : "only a guest collection's owner and its access managers may see and change its permissions"
                    + " (`conduit whoami` shows who you are)";
        }
        if (e.status() == 404) {
            if (e.getMessage().startsWith("HTTP 404")) {
                return "this node does not offer " + e.method() + " " + e.path()
                    + ": it runs an older Conduit than this CLI (GET /api/info shows its version)";
            }
            return operation
                ? "check the collection id (`conduit collection list`) and the path (`conduit ls"
                    + " COLLECTION_ID:/folder`)"
                : "check the collection id and the rule id (`conduit acl list COLLECTION_ID`)";
        }
        return null;
    }
}
