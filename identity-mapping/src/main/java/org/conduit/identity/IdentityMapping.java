package org.conduit.identity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.conduit.identity.expression.ExpressionIdentityMapping;
import org.conduit.identity.external.ExternalIdentityMapping;

/**
 * One identity mapping document of a storage gateway ({@code identity_mappings[]} entry), ready to run.
 * Implementations are immutable and thread-safe.
 */
public interface IdentityMapping {

    /** The connector-specific username for one identity, empty when this mapping does not apply to it. */
    Optional<String> map(Identity identity) throws IdentityMappingException;

    /**
     * Every username each identity maps to ("map all" mode), keyed by identity id in first-seen order;
     * identities that map to nothing are absent.
     */
    Map<String, List<String>> mapAll(List<Identity> identities) throws IdentityMappingException;

    /**
     * Parses a mapping document, choosing the implementation by its {@code DATA_TYPE}.
     *
     * @throws IdentityMappingException {@code INVALID_MAPPING_DOCUMENT} for an unknown DATA_TYPE or a malformed document
     */
    static IdentityMapping fromDocument(JsonNode document, MappingContext context) throws IdentityMappingException {
        String dataType = document != null && document.path("DATA_TYPE").isTextual()
                ? document.get("DATA_TYPE").asText()
                : null;
        if (ExpressionIdentityMapping.DATA_TYPE.equals(dataType)) {
            return ExpressionIdentityMapping.fromDocument(document);
        }
        if (ExternalIdentityMapping.DATA_TYPE.equals(dataType)) {
            return ExternalIdentityMapping.fromDocument(document, context);
        }
        throw new IdentityMappingException(IdentityMappingException.Reason.INVALID_MAPPING_DOCUMENT,
                (dataType == null ? "identity mapping document has no DATA_TYPE"
                        : "identity mapping document has unsupported DATA_TYPE '" + dataType + "'")
                        + "; use " + ExpressionIdentityMapping.DATA_TYPE + " or " + ExternalIdentityMapping.DATA_TYPE);
    }
}
