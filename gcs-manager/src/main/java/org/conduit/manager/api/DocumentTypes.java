package org.conduit.manager.api;

import static org.conduit.manager.api.DocumentType.Kind.BOOL;
import static org.conduit.manager.api.DocumentType.Kind.INT;
import static org.conduit.manager.api.DocumentType.Kind.OBJECT;
import static org.conduit.manager.api.DocumentType.Kind.OBJECT_LIST;
import static org.conduit.manager.api.DocumentType.Kind.STRING;
import static org.conduit.manager.api.DocumentType.Kind.STRING_LIST;
import static org.conduit.manager.api.DocumentType.Kind.UUID;
import static org.conduit.manager.api.DocumentType.Kind.ANY;

/** The GCS Manager API v5.4 documents this endpoint speaks (fields from the GCS OpenAPI schema). */
public final class DocumentTypes {
    private DocumentTypes() {
    }

    private static final String[] NETWORK_USE = {"normal", "minimal", "aggressive", "custom"};

    public static final DocumentType ENDPOINT = DocumentType.named("endpoint", "1.2.0")
        .fields(STRING, "display_name", "organization", "department", "description", "contact_email", "contact_info",
            "info_link", "subscription_id")
        .fields(BOOL, "public", "allow_udt")
        .field("keywords", STRING_LIST)
        .oneOf("network_use", NETWORK_USE)
        .fields(INT, "max_concurrency", "preferred_concurrency", "max_parallelism", "preferred_parallelism",
            "gridftp_control_channel_port")
        .readOnly("id", "gcs_manager_url", "earliest_last_access", "https_server", "tlsftp_server")
        .build();

    public static final DocumentType STORAGE_GATEWAY = DocumentType.named("storage_gateway", "1.3.0")
        .required("display_name", STRING)
        .required("connector_id", STRING)
        .field("allowed_domains", STRING_LIST)
        .field("identity_mappings", OBJECT_LIST)
        .field("restrict_paths", OBJECT)
        .fields(STRING_LIST, "users_allow", "users_deny")
        .fields(BOOL, "high_assurance", "require_high_assurance", "require_mfa", "admin_managed_credentials")
        .fields(INT, "authentication_timeout_mins", "authentication_assurance_timeout", "max_concurrency",
            "preferred_concurrency", "max_parallelism", "preferred_parallelism")
        .fields(STRING, "process_user", "load_dsi_module", "root")
        .oneOf("network_use", NETWORK_USE)
        .field("policies", OBJECT)
        .readOnly("id", "deleted")
        .build();

    public static final DocumentType COLLECTION = DocumentType.named("collection", "1.16.0")
        .required("collection_type", STRING)
        .required("display_name", STRING)
        .field("collection_base_path", STRING)
        .fields(STRING, "identity_id", "default_directory", "description", "organization", "department", "contact_email",
            "contact_info", "info_link", "user_message", "user_message_link", "domain_name", "guest_auth_policy_id",
            "storage_gateway_id", "mapped_collection_id", "user_credential_id")
        .fields(BOOL, "public", "enable_https", "force_encryption", "force_verify", "disable_verify",
            "allow_guest_collections", "disable_anonymous_writes", "delete_protected", "skip_auto_delete")
        .field("keywords", STRING_LIST)
        .listOf("https_methods", "GET", "PUT", "DELETE")
        .oneOf("preserve_modtime", "inbound", "outbound", "all")
        .oneOf("restrict_transfers_to_high_assurance", "inbound", "outbound", "all")
        .fields(INT, "acl_expiration_mins", "auto_delete_timeout")
        .field("sharing_restrict_paths", OBJECT)
        .fields(STRING_LIST, "sharing_users_allow", "sharing_users_deny")
        .fields(OBJECT, "policies", "activity_notification_policy")
        .field("associated_flow_policy", ANY)
        .readOnly("id", "connector_id", "high_assurance", "require_mfa", "authentication_timeout_mins", "root_path",
            "https_url", "tlsftp_url", "manager_url", "last_access", "created_at", "deleted",
            "subscription_admin_verified", "domain")
        .build();

    public static final DocumentType ROLE = DocumentType.named("role", "1.0.0")
        .required("principal", STRING)
        .field("collection", UUID)
        .required("role", STRING)
        .readOnly("id")
        .build();

    public static final DocumentType USER_CREDENTIAL = DocumentType.named("user_credential", "1.0.0")
        .required("storage_gateway_id", UUID)
        .fields(STRING, "identity_id", "username", "display_name", "connector_id")
        .field("policies", OBJECT)
        .readOnly("id", "home_directory", "invalid", "provisioned", "deleted")
        .build();

    public static final DocumentType NODE = DocumentType.named("node", "1.3.0")
        .required("ip_addresses", STRING_LIST)
        .oneOf("status", "active", "inactive")
        .fields(STRING, "data_interface", "data_interface6")
        .field("incoming_port_range", ANY)
        .field("outgoing_port_range", ANY)
        .field("internal_stream_port_range", ANY)
        .field("lan_addresses", OBJECT_LIST)
        .readOnly("id")
        .build();

    public static final DocumentType SHARING_POLICY = DocumentType.named("sharing_policy", "1.0.0")
        .required("collection_id", UUID)
        .required("sharing_restrict_paths", OBJECT)
        .field("users", STRING_LIST)
        .readOnly("id")
        .build();
}
