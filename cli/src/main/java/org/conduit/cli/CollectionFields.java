package org.conduit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The collection fields that {@code create} and {@code update} both set. */
final class CollectionFields {
    @Option(names = "--display-name", paramLabel = "NAME", description = "Name shown to users (required to create).")
    String displayName;

    @Option(names = "--description", paramLabel = "TEXT")
    String description;

    @Option(names = "--organization", paramLabel = "TEXT")
    String organization;

    @Option(names = "--department", paramLabel = "TEXT")
    String department;

    @Option(names = "--contact-email", paramLabel = "EMAIL")
    String contactEmail;

    @Option(names = "--info-link", paramLabel = "URL")
    String infoLink;

    @Option(names = "--keywords", split = ",", paramLabel = "WORD", description = "Comma-separated; replaces the"
        + " list (\"\" clears it).")
    List<String> keywords;

    @Option(names = "--default-directory", paramLabel = "PATH",
        description = "Where users start browsing; may contain $USER.")
    String defaultDirectory;

    @Option(names = "--user-message", paramLabel = "TEXT", description = "Message shown to users (256 chars).")
    String userMessage;

    @Option(names = "--allow-guest-collections", negatable = true,
        description = "Mapped collections: users may share folders as guest collections.")
    Boolean allowGuestCollections;

    @Option(names = "--delete-protected", negatable = true,
        description = "Mapped collections: refuse deletion until this is turned off (the endpoint's default is on).")
    Boolean deleteProtected;

    @ArgGroup(exclusive = true)
    Visibility visibility;

    void into(ObjectNode doc) {
        Json.putIfGiven(doc, "display_name", displayName);
        Json.putIfGiven(doc, "description", description);
        Json.putIfGiven(doc, "organization", organization);
        Json.putIfGiven(doc, "department", department);
        Json.putIfGiven(doc, "contact_email", contactEmail);
        Json.putIfGiven(doc, "info_link", infoLink);
        Json.putList(doc, "keywords", keywords);
        Json.putIfGiven(doc, "default_directory", defaultDirectory);
        Json.putIfGiven(doc, "user_message", userMessage);
        Json.putIfGiven(doc, "allow_guest_collections", allowGuestCollections);
        Json.putIfGiven(doc, "delete_protected", deleteProtected);
        Json.putIfGiven(doc, "public", Visibility.of(visibility));
    }
}
