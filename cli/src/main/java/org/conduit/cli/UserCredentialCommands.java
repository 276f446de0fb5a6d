package org.conduit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conduit user-credential create|list|show|delete} ({@code /api/user_credentials}): the storage account a
 * user acts as on a gateway, with S3 keys for S3 gateways.
 */
@Command(name = "user-credential", description = "Manage user credentials on storage gateways.",
    synopsisSubcommandLabel = "COMMAND", mixinStandardHelpOptions = true,
    subcommands = {UserCredentialCommands.Create.class, UserCredentialCommands.ListCredentials.class,
        UserCredentialCommands.Show.class, UserCredentialCommands.Delete.class})
final class UserCredentialCommands {
    static final String USER_CREDENTIAL = "user_credential#1.0.0";
    static final String S3_POLICIES = "s3_user_credential_policies#1.2.0";
    static final String PATH = "/api/user_credentials";

    static String path(String id) {
        return PATH + "/" + ManagerClient.segment(id);
    }

    @Command(name = "create", description = "Register a credential on a storage gateway.",
        mixinStandardHelpOptions = true)
    static final class Create extends ApiCommand {
        @Option(names = "--storage-gateway", required = true, paramLabel = "GATEWAY_ID")
        String storageGateway;

        @Option(names = "--username", paramLabel = "USER",
            description = "The local account (default: what the gateway's identity mapping gives).")
        String username;

        @Option(names = "--identity-id", paramLabel = "UUID",
            description = "Whose credential (default: yours; others' need admin_managed_credentials).")
        String identityId;

        @Option(names = "--display-name", paramLabel = "NAME")
        String displayName;

        @Option(names = "--s3-key-id", paramLabel = "KEY_ID", description = "S3 gateways: your access key id.")
        String s3KeyId;

        @Option(names = "--s3-secret-key", paramLabel = "SECRET",
            description = "S3 gateways: your secret key (visible in the process list; prefer the -file option).")
        String s3SecretKey;

        @Option(names = "--s3-secret-key-file", paramLabel = "FILE", description = "File holding the S3 secret key.")
        Path s3SecretKeyFile;

        ObjectNode request() {
            ObjectNode doc = Json.document(USER_CREDENTIAL);
            doc.put("storage_gateway_id", storageGateway);
            Json.putIfGiven(doc, "username", username);
            Json.putIfGiven(doc, "identity_id", identityId);
            Json.putIfGiven(doc, "display_name", displayName);
            String secret = ConnectorPolicies.secret(s3SecretKey, s3SecretKeyFile, "--s3-secret-key");
            if ((s3KeyId == null) != (secret == null)) {
                throw new UsageError("S3 keys come in pairs: give --s3-key-id and --s3-secret-key(-file) together");
            }
            if (s3KeyId != null) {
                doc.set("policies", Json.document(S3_POLICIES).put("s3_key_id", s3KeyId).put("s3_secret_key", secret));
            }
            return doc;
        }

        @Override
        void run() {
            ObjectNode body = request();
            output().document(api().post(PATH, body).path("data").path(0));
        }
    }

    @Command(name = "list", description = "List your user credentials.", mixinStandardHelpOptions = true)
    static final class ListCredentials extends ApiCommand {
        @Option(names = "--storage-gateway", paramLabel = "GATEWAY_ID", description = "Only on this gateway.")
        String storageGateway;

        @Override
        void run() {
            output().documents(api().listAll(PATH, storageGateway == null ? Map.of()
                    : Map.of("storage_gateway", storageGateway)), List.of(
                Output.Column.field("ID", "id"),
                Output.Column.field("Username", "username"),
                Output.Column.field("Storage Gateway", "storage_gateway_id"),
                Output.Column.field("Display Name", "display_name"),
                Output.Column.field("Invalid", "invalid")));
        }
    }

    @Command(name = "show", description = "Show a user credential.", mixinStandardHelpOptions = true)
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "CREDENTIAL_ID")
        String id;

        @Override
        void run() {
            output().document(api().get(path(id)).path("data").path(0));
        }
    }

    @Command(name = "delete", description = "Delete a user credential.", mixinStandardHelpOptions = true)
    static final class Delete extends ApiCommand {
        @Parameters(paramLabel = "CREDENTIAL_ID")
        String id;

        @Override
        void run() {
            output().done("Deleted user credential " + id, api().delete(path(id)));
        }
    }
}
