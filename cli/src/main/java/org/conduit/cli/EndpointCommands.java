package org.conduit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code conduit endpoint show|update}: the endpoint document ({@code /api/endpoint}). */
@Command(name = "endpoint", description = "Show or change how the endpoint describes itself.",
    synopsisSubcommandLabel = "COMMAND", mixinStandardHelpOptions = true,
    subcommands = {EndpointCommands.Show.class, EndpointCommands.Update.class})
final class EndpointCommands {
    static final String ENDPOINT = "endpoint#1.2.0";

    @Command(name = "show", description = "Show the endpoint document.", mixinStandardHelpOptions = true)
    static final class Show extends ApiCommand {
        @Override
        void run() {
            output().document(api().get("/api/endpoint").path("data").path(0));
        }
    }

    @Command(name = "update", description = "Change the given fields of the endpoint document (PATCH).",
        mixinStandardHelpOptions = true)
    static final class Update extends ApiCommand {
        @Option(names = "--display-name", paramLabel = "NAME", description = "Name shown to users.")
        String displayName;

        @Option(names = "--organization", paramLabel = "TEXT")
        String organization;

        @Option(names = "--department", paramLabel = "TEXT")
        String department;

        @Option(names = "--description", paramLabel = "TEXT")
        String description;

        @Option(names = "--contact-email", paramLabel = "EMAIL")
        String contactEmail;

        @Option(names = "--contact-info", paramLabel = "TEXT")
        String contactInfo;

        @Option(names = "--info-link", paramLabel = "URL")
        String infoLink;

        @Option(names = "--keywords", split = ",", paramLabel = "WORD", description = "Comma-separated; replaces"
            + " the list (\"\" clears it).")
        List<String> keywords;

        @Option(names = "--network-use", paramLabel = "LEVEL",
            description = "normal, minimal, aggressive or custom.")
        NetworkUse networkUse;

        @ArgGroup(exclusive = true)
        Visibility visibility;

        enum NetworkUse { normal, minimal, aggressive, custom }

        ObjectNode request() {
            ObjectNode doc = Json.document(ENDPOINT);
            Json.putIfGiven(doc, "display_name", displayName);
            Json.putIfGiven(doc, "organization", organization);
            Json.putIfGiven(doc, "department", department);
            Json.putIfGiven(doc, "description", description);
            Json.putIfGiven(doc, "contact_email", contactEmail);
            Json.putIfGiven(doc, "contact_info", contactInfo);
            Json.putIfGiven(doc, "info_link", infoLink);
            Json.putList(doc, "keywords", keywords);
            Json.putIfGiven(doc, "network_use", networkUse == null ? null : networkUse.name());
            Json.putIfGiven(doc, "public", Visibility.of(visibility));
            if (doc.size() == 1) {
                throw new UsageError("nothing to change: give at least one field option");
            }
            return doc;
        }

        @Override
        void run() {
            ObjectNode body = request();
            output().document(api().patch("/api/endpoint", body).path("data").path(0));
        }
    }
}
