package org.conduit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The connector-specific part of a storage gateway: its {@code connector_id} and the fields of its
 * {@code policies} document that the command line set. One implementation per connector verb
 * ({@code posix}, {@code s3}, {@code ceph}, {@code hdfs}).
 */
interface ConnectorPolicies {
    /** What {@code connector_id} is sent as; the endpoint also accepts the GCS connector UUID. */
    String connectorId();

    /** The policy document type, e.g. {@code posix_storage_policies#1.0.0}. */
    String dataType();

    /** The policy fields given on the command line (no DATA_TYPE); empty when none. */
    ObjectNode fields();

    /** {@code groups_allow} / {@code groups_deny} of POSIX gateways. */
    final class Posix implements ConnectorPolicies {
        @Option(names = "--groups-allow", split = ",", paramLabel = "GROUP",
            description = "Only members of these POSIX groups may use the gateway (repeatable; \"\" clears).")
        List<String> groupsAllow;

        @Option(names = "--groups-deny", split = ",", paramLabel = "GROUP",
            description = "Members of these POSIX groups may not use the gateway (repeatable; \"\" clears).")
        List<String> groupsDeny;

        @Override
        public String connectorId() {
            return "posix";
        }

        @Override
        public String dataType() {
            return "posix_storage_policies#1.0.0";
        }

        @Override
        public ObjectNode fields() {
            ObjectNode f = Json.MAPPER.createObjectNode();
            Json.putList(f, "groups_allow", groupsAllow);
            Json.putList(f, "groups_deny", groupsDeny);
            return f;
        }
    }

    /** S3 endpoint and buckets, and whether each user needs their own S3 keys. */
    final class S3 implements ConnectorPolicies {
        @Option(names = "--s3-endpoint", paramLabel = "URL", description = "The S3 service, e.g."
            + " https://s3.us-east-1.amazonaws.com.")
        String endpoint;

        @Option(names = "--bucket", split = ",", paramLabel = "BUCKET",
            description = "Bucket shown at the root besides the user's own (repeatable; \"\" clears).")
        List<String> buckets;

        @Option(names = "--s3-user-credential-required", negatable = true,
            description = "Each user registers S3 keys (user-credential create); --no-... allows only public"
                + " buckets, anonymously.")
        Boolean userCredentialRequired;

        @Option(names = "--s3-requester-pays", negatable = true, description = "Access requester-pays buckets.")
        Boolean requesterPays;

        @Override
        public String connectorId() {
            return "s3";
        }

        @Override
        public String dataType() {
            return "s3_storage_policies#1.3.0";
        }

        @Override
        public ObjectNode fields() {
            ObjectNode f = Json.MAPPER.createObjectNode();
            Json.putIfGiven(f, "s3_endpoint", endpoint);
            Json.putList(f, "s3_buckets", buckets);
            Json.putIfGiven(f, "s3_user_credential_required", userCredentialRequired);
            Json.putIfGiven(f, "s3_requester_pays", requesterPays);
            return f;
        }
    }

    /** A Ceph RADOS Gateway and the admin key the endpoint uses to look up each user's S3 keys. */
    final class Ceph implements ConnectorPolicies {
        @Option(names = "--s3-endpoint", paramLabel = "URL", description = "The RADOS Gateway's S3 URL.")
        String endpoint;

        @Option(names = "--bucket", split = ",", paramLabel = "BUCKET",
            description = "Bucket shown at the root besides the user's own (repeatable; \"\" clears).")
        List<String> buckets;

        @Option(names = "--ceph-admin-key-id", paramLabel = "KEY_ID", description = "RGW admin access key id.")
        String adminKeyId;

        @Option(names = "--ceph-admin-secret-key", paramLabel = "SECRET",
            description = "RGW admin secret key (visible in the process list; prefer the -file option).")
        String adminSecretKey;

        @Option(names = "--ceph-admin-secret-key-file", paramLabel = "FILE",
            description = "File holding the RGW admin secret key.")
        Path adminSecretKeyFile;

        @Override
        public String connectorId() {
            return "ceph";
        }

        @Override
        public String dataType() {
            return "ceph_storage_policies#1.0.0";
        }

        @Override
        public ObjectNode fields() {
            ObjectNode f = Json.MAPPER.createObjectNode();
            Json.putIfGiven(f, "s3_endpoint", endpoint);
            Json.putList(f, "s3_buckets", buckets);
            Json.putIfGiven(f, "ceph_admin_key_id", adminKeyId);
            Json.putIfGiven(f, "ceph_admin_secret_key",
                secret(adminSecretKey, adminSecretKeyFile, "--ceph-admin-secret-key"));
            return f;
        }
    }

    /** The HDFS name service (Hadoop's fs.defaultFS). */
    final class Hdfs implements ConnectorPolicies {
        @Option(names = "--fs-default-fs", paramLabel = "URI", description = "The file system, e.g."
            + " hdfs://namenode.example.org:8020 (Hadoop's fs.defaultFS).")
        String defaultFs;

        @Override
        public String connectorId() {
            return "hdfs";
        }

        @Override
        public String dataType() {
            return "hdfs_storage_policies#1.0.0";
        }

        @Override
        public ObjectNode fields() {
            ObjectNode f = Json.MAPPER.createObjectNode();
            Json.putIfGiven(f, "fs_default_fs", defaultFs);
            return f;
        }
    }

    /** A secret given inline or, better, in a file (one line; surrounding whitespace dropped). */
    static String secret(String inline, Path file, String option) {
        if (inline != null && file != null) {
            throw new UsageError("give " + option + " or " + option + "-file, not both");
        }
        if (file == null) {
            return inline;
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UsageError("cannot read " + option + "-file " + file + ": " + e.getMessage());
        }
    }
}
