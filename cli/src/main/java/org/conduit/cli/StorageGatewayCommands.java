package org.conduit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code conduit storage-gateway create|list|show|update|delete} ({@code /api/storage_gateways}). As in
 * {@code globus-connect-server}, create and update name the connector ({@code posix}, {@code s3}, {@code ceph},
 * {@code hdfs}) because it decides which policy options exist.
 */
@Command(name = "storage-gateway", description = "Manage storage gateways: storage systems and who may use them.",
    synopsisSubcommandLabel = "COMMAND", mixinStandardHelpOptions = true,
    subcommands = {StorageGatewayCommands.Create.class, StorageGatewayCommands.ListGateways.class,
        StorageGatewayCommands.Show.class, StorageGatewayCommands.Update.class, StorageGatewayCommands.Delete.class})
final class StorageGatewayCommands {
    static final String STORAGE_GATEWAY = "storage_gateway#1.3.0";
    static final String PATH = "/api/storage_gateways";
    private static final Map<String, String> CONNECTOR_NAMES = Map.of(
        "145812c8-decc-41f1-83cf-bb2a85a2a70b", "POSIX",
        "7643e831-5f6c-4b47-a07f-8ee90f401d23", "S3",
        "1b6374b0-f6a4-4cf7-a26f-f262d9c6ca72", "Ceph");

    static String path(String id) {
        return PATH + "/" + ManagerClient.segment(id);
    }

    @Command(name = "create", description = "Create a storage gateway for one connector.",
        synopsisSubcommandLabel = "CONNECTOR", mixinStandardHelpOptions = true,
        subcommands = {CreatePosix.class, CreateS3.class, CreateCeph.class, CreateHdfs.class})
    static final class Create {
    }

    abstract static class CreateGateway extends ApiCommand {
        @Mixin
        GatewayOptions gateway;

        abstract ConnectorPolicies connector();

        ObjectNode request() {
            ObjectNode doc = Json.document(STORAGE_GATEWAY);
            gateway.into(doc);
            if (doc.path("display_name").asText("").isBlank()) {
                throw new UsageError("--display-name is required to create a storage gateway");
            }
            if (doc.path("allowed_domains").isEmpty()) {
                throw new UsageError("give at least one --domain: identities from these domains may use the"
                    + " gateway (e.g. --domain example.org)");
            }
            doc.put("connector_id", connector().connectorId());
            ObjectNode policies = Json.document(connector().dataType());
            policies.setAll(connector().fields());
            doc.set("policies", policies);
            return doc;
        }

        @Override
        void run() {
            ObjectNode body = request();
            output().document(api().post(PATH, body).path("data").path(0));
        }
    }

    @Command(name = "posix", description = "POSIX file systems (Lustre and GPFS included).",
        mixinStandardHelpOptions = true)
    static final class CreatePosix extends CreateGateway {
        @Mixin
        ConnectorPolicies.Posix posix;

        @Override
        ConnectorPolicies connector() {
            return posix;
        }
    }

    @Command(name = "s3", description = "Amazon S3 or any S3-compatible service.", mixinStandardHelpOptions = true)
    static final class CreateS3 extends CreateGateway {
        @Mixin
        ConnectorPolicies.S3 s3;

        @Override
        ConnectorPolicies connector() {
            return s3;
        }
    }

    @Command(name = "ceph", description = "Ceph through its RADOS Gateway.", mixinStandardHelpOptions = true)
    static final class CreateCeph extends CreateGateway {
        @Mixin
        ConnectorPolicies.Ceph ceph;

        @Override
        ConnectorPolicies connector() {
            return ceph;
        }
    }

    @Command(name = "hdfs", description = "Hadoop HDFS.", mixinStandardHelpOptions = true)
    static final class CreateHdfs extends CreateGateway {
        @Mixin
        ConnectorPolicies.Hdfs hdfs;

        @Override
        ConnectorPolicies connector() {
            return hdfs;
        }
    }

    @Command(name = "list", description = "List the storage gateways.", mixinStandardHelpOptions = true)
    static final class ListGateways extends ApiCommand {
        @Override
        void run() {
            output().documents(api().listAll(PATH, Map.of()), List.of(
                Output.Column.field("ID", "id"),
                Output.Column.field("Display Name", "display_name"),
                new Output.Column("Connector", d -> CONNECTOR_NAMES.getOrDefault(d.path("connector_id").asText(),
                    d.path("connector_id").asText())),
                Output.Column.field("Allowed Domains", "allowed_domains")));
        }
    }

    @Command(name = "show", description = "Show a storage gateway (private policies too, for administrators).",
        mixinStandardHelpOptions = true)
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "GATEWAY_ID")
        String id;

        @Override
        void run() {
            output().document(api().get(path(id), Map.of("include", "private_policies")).path("data").path(0));
        }
    }

    @Command(name = "update", description = "Change the given fields of a storage gateway (PATCH).",
        synopsisSubcommandLabel = "CONNECTOR", mixinStandardHelpOptions = true,
        subcommands = {UpdatePosix.class, UpdateS3.class, UpdateCeph.class, UpdateHdfs.class})
    static final class Update {
    }

    /**
     * PATCH replaces {@code policies} as a whole, so policy options are merged into the gateway's current
     * policies (read first) and the rest of them stay as they were.
     */
    abstract static class UpdateGateway extends ApiCommand {
        @Parameters(paramLabel = "GATEWAY_ID")
        String id;

        @Mixin
        GatewayOptions gateway;

        abstract ConnectorPolicies connector();

        /** The PATCH document, given the gateway's current policies (missing when none were read). */
        ObjectNode request(JsonNode currentPolicies) {
            ObjectNode doc = Json.document(STORAGE_GATEWAY);
            gateway.into(doc);
            ObjectNode fields = connector().fields();
            if (!fields.isEmpty()) {
                String type = connector().dataType();
                String currentType = currentPolicies.path("DATA_TYPE").asText(type);
                if (!currentType.split("#")[0].equals(type.split("#")[0])) {
                    throw new UsageError("storage gateway " + id + " has " + currentType + " policies; use the"
                        + " update verb of its connector");
                }
                ObjectNode policies = Json.document(type);
                if (currentPolicies.isObject()) {
                    policies.setAll((ObjectNode) currentPolicies);
                    policies.put("DATA_TYPE", type);
                }
                policies.setAll(fields);
                doc.set("policies", policies);
            }
            if (doc.size() == 1) {
                throw new UsageError("nothing to change: give at least one field option");
            }
            return doc;
        }

        @Override
        void run() {
            ObjectNode body = connector().fields().isEmpty() ? request(Json.MAPPER.missingNode())
                : request(api().get(path(id), Map.of("include", "private_policies")).path("data").path(0)
                    .path("policies"));
            output().document(api().patch(path(id), body).path("data").path(0));
        }
    }

    @Command(name = "posix", description = "Update a POSIX storage gateway.", mixinStandardHelpOptions = true)
    static final class UpdatePosix extends UpdateGateway {
        @Mixin
        ConnectorPolicies.Posix posix;

        @Override
        ConnectorPolicies connector() {
            return posix;
        }
    }

    @Command(name = "s3", description = "Update an S3 storage gateway.", mixinStandardHelpOptions = true)
    static final class UpdateS3 extends UpdateGateway {
        @Mixin
        ConnectorPolicies.S3 s3;

        @Override
        ConnectorPolicies connector() {
            return s3;
        }
    }

    @Command(name = "ceph", description = "Update a Ceph storage gateway.", mixinStandardHelpOptions = true)
    static final class UpdateCeph extends UpdateGateway {
        @Mixin
        ConnectorPolicies.Ceph ceph;

        @Override
        ConnectorPolicies connector() {
            return ceph;
        }
    }

    @Command(name = "hdfs", description = "Update an HDFS storage gateway.", mixinStandardHelpOptions = true)
    static final class UpdateHdfs extends UpdateGateway {
        @Mixin
        ConnectorPolicies.Hdfs hdfs;

        @Override
        ConnectorPolicies connector() {
            return hdfs;
        }
    }

    @Command(name = "delete", description = "Delete a storage gateway (its collections must be deleted first).",
        mixinStandardHelpOptions = true)
    static final class Delete extends ApiCommand {
        @Parameters(paramLabel = "GATEWAY_ID")
        String id;

        @Override
        void run() {
            output().done("Deleted storage gateway " + id, api().delete(path(id)));
        }
    }
}
