package org.conduit.manager.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.conduit.manager.access.AclRule;
import org.conduit.manager.access.GuestAcl;
import org.conduit.manager.access.InvalidAclRuleException;
import org.conduit.manager.access.Operation;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.auth.Principal;
import org.conduit.manager.db.DocumentStore;
import org.conduit.manager.web.Caller;

/**
 * Guest-collection permissions in the Transfer API v0.10 shapes ({@code access} documents): additive rules
 * for an identity, a group, all authenticated users or anonymous, {@code r} or {@code rw}, optionally expiring.
 * Viewing needs {@code VIEW_ACLS}, changing {@code MANAGE_ACLS} on the guest collection.
 */
public final class AclService {
    private static final Set<String> FIELDS = Set.of("DATA_TYPE", "id", "principal_type", "principal", "path",
        "permissions", "notify_email", "notify_message", "expiration_date", "role_id", "role_type", "create_time");

    private final DocumentStore store;
    private final CollectionService collections;

    public AclService(DocumentStore store, CollectionService collections) {
        this.store = store;
        this.collections = collections;
    }

    private DocumentStore.Stored guest(Caller caller, String collectionId, Operation operation) {
        DocumentStore.Stored c = collections.stored(collectionId);
        if (!"guest".equals(c.body().path("collection_type").asText())) {
            throw ApiErrors.invalidInput(null, "permissions (access rules) apply to guest collections; " + collectionId
                + " is a mapped collection, whose access comes from identity mapping and restrict_paths");
        }
        collections.require(caller, c, operation);
        return c;
    }

    public ObjectNode list(Caller caller, String collectionId) {
        guest(caller, collectionId, Operation.VIEW_ACLS);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("DATA_TYPE", "access_list");
        out.put("endpoint", collectionId);
        var data = out.putArray("DATA");
        for (DocumentStore.Stored rule : store.list(Kinds.ACL, collectionId, null, GuestAcl.MAX_RULES + 1)) {
            data.add(present(rule));
        }
        out.put("length", data.size());
        return out;
    }

    public ObjectNode get(Caller caller, String collectionId, String ruleId) {
        guest(caller, collectionId, Operation.VIEW_ACLS);
        return present(rule(collectionId, ruleId));
    }

    public String create(Caller caller, String collectionId, JsonNode input) {
        DocumentStore.Stored guest = guest(caller, collectionId, Operation.MANAGE_ACLS);
        ObjectNode doc = normalise(input);
        String id = UUID.randomUUID().toString();
        validate(collectionId, guest, CollectionViews.rule(id, doc));
        doc.put("create_time", Instant.now().toString());
        store.insert(Kinds.ACL, id, collectionId, doc.path("principal").asText(null), doc);
        return id;
    }

    /** Only {@code permissions}, {@code expiration_date} and the notification fields change on update. */
    public void update(Caller caller, String collectionId, String ruleId, JsonNode input) {
        DocumentStore.Stored guest = guest(caller, collectionId, Operation.MANAGE_ACLS);
        DocumentStore.Stored current = rule(collectionId, ruleId);
        ObjectNode next = current.body().deepCopy();
        checkFields(input);
        for (String field : List.of("permissions", "expiration_date", "notify_email", "notify_message")) {
            if (input.has(field)) {
                next.set(field, input.get(field));
            }
        }
        for (String fixed : List.of("principal_type", "principal", "path")) {
            if (input.has(fixed) && !input.get(fixed).equals(current.body().get(fixed))) {
                throw ApiErrors.invalidInput(fixed, "cannot be changed; delete the rule and create a new one");
            }
        }
        checkPermissions(next);
        checkExpiration(next);
        validate(collectionId, guest, CollectionViews.rule(ruleId, next));
        store.update(Kinds.ACL, ruleId, next);
    }

    public void delete(Caller caller, String collectionId, String ruleId) {
        guest(caller, collectionId, Operation.MANAGE_ACLS);
        rule(collectionId, ruleId);
        store.delete(Kinds.ACL, ruleId);
    }

    private DocumentStore.Stored rule(String collectionId, String ruleId) {
        return store.get(Kinds.ACL, ruleId).filter(r -> collectionId.equals(r.parentId()))
            .orElseThrow(() -> ApiErrors.notFound("access rule", ruleId));
    }

    /** Checks {@code rule} against the collection's other rules (an updated rule is not its own duplicate). */
    private void validate(String collectionId, DocumentStore.Stored guest, AclRule rule) {
        List<AclRule> others = collections.views().acl(collectionId).stream()
            .filter(r -> !r.id().equals(rule.id())).toList();
        try {
            new GuestAcl(others)
                .validateNew(rule, collections.views().of(guest).anonymousWritesDisabled(), Instant.now());
        } catch (InvalidAclRuleException e) {
            throw switch (e.reason()) {
                case ALREADY_EXISTS, LIMIT_EXCEEDED -> ApiErrors.conflict(e.getMessage());
                default -> ApiErrors.invalidInput(null, e.getMessage());
            };
        }
    }

    /** Checks the Transfer {@code access} document; a {@code user@domain} principal becomes its identity id. */
    private static ObjectNode normalise(JsonNode input) {
        checkFields(input);
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        String type = input.path("principal_type").asText("");
        try {
            AclRule.PrincipalType.fromCode(type);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidInput("principal_type", e.getMessage());
        }
        doc.put("principal_type", type);
        String principal = input.path("principal").asText("");
        if (type.equals("identity") && principal.contains("@")) {
            try {
                principal = Principal.identityId(principal).toString();
            } catch (IllegalArgumentException e) {
                throw ApiErrors.invalidInput("principal", e.getMessage());
            }
        }
        doc.put("principal", principal);
        doc.put("path", input.path("path").asText(""));
        doc.put("permissions", input.path("permissions").asText(""));
        for (String optional : List.of("notify_email", "notify_message", "expiration_date")) {
            doc.set(optional, input.has(optional) ? input.get(optional) : JsonNodeFactory.instance.nullNode());
        }
        checkPermissions(doc);
        checkExpiration(doc);
        return doc;
    }

    private static void checkFields(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw ApiErrors.invalidInput(null, "the request body must be a JSON access document");
        }
        if (input.has("DATA_TYPE") && !"access".equals(input.get("DATA_TYPE").asText())) {
            throw ApiErrors.invalidInput("DATA_TYPE", "must be 'access'");
        }
        input.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw ApiErrors.invalidInput(f, "unknown property of access documents");
            }
        });
    }

    private static void checkPermissions(JsonNode doc) {
        String p = doc.path("permissions").asText();
        if (!p.equals("r") && !p.equals("rw")) {
            throw ApiErrors.invalidInput("permissions", "must be 'r' or 'rw'");
        }
    }

    private static void checkExpiration(JsonNode doc) {
        JsonNode e = doc.get("expiration_date");
        if (e != null && !e.isNull()) {
            try {
                Instant.parse(e.asText());
            } catch (DateTimeParseException ex) {
                throw ApiErrors.invalidInput("expiration_date", "must be an ISO 8601 time such as 2027-01-31T00:00:00Z");
            }
        }
    }

    private static ObjectNode present(DocumentStore.Stored rule) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("DATA_TYPE", "access");
        out.put("id", rule.id());
        out.setAll(rule.body());
        out.putNull("role_id");
        out.putNull("role_type");
        return out;
    }
}
