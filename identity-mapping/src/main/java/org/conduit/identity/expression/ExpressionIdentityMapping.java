package org.conduit.identity.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.conduit.identity.Identity;
import org.conduit.identity.IdentityMapping;
import org.conduit.identity.IdentityMappingException;
import org.conduit.identity.IdentityMappingException.Reason;

/**
 * {@code expression_identity_mapping#1.0.0}: an ordered list of mapping expressions. For one identity
 * the first expression whose match accepts the interpolated source wins. In "map all" mode every
 * expression is tried on every identity whose {@code status} is {@code used} or {@code private}
 * (identities without a status are skipped too, as GCS does).
 */
public final class ExpressionIdentityMapping implements IdentityMapping {

    public static final String DATA_TYPE = "expression_identity_mapping#1.0.0";

    private static final Set<String> MAPPABLE_STATUSES = Set.of("used", "private");

    private final List<MappingExpression> expressions;

    private ExpressionIdentityMapping(List<MappingExpression> expressions) {
        this.expressions = expressions;
    }

    /**
     * Parses and compiles the document; every syntax problem is reported here, not at mapping time.
     * Fields other than those of the schema (such as {@code comment}) are ignored.
     */
    public static ExpressionIdentityMapping fromDocument(JsonNode document) throws IdentityMappingException {
        if (document == null || !document.isObject()) {
            throw invalid("an identity mapping document must be a JSON object");
        }
        String dataType = document.path("DATA_TYPE").asText(null);
        if (!DATA_TYPE.equals(dataType)) {
            throw invalid("expected DATA_TYPE " + DATA_TYPE + " but the document has " + dataType);
        }
        JsonNode mappings = document.get("mappings");
        if (mappings == null || !mappings.isArray()) {
            throw invalid(DATA_TYPE + " document needs a 'mappings' array of {source, match, output} objects");
        }
        List<MappingExpression> expressions = new ArrayList<>();
        for (int i = 0; i < mappings.size(); i++) {
            expressions.add(MappingExpression.parse(mappings.get(i), "mappings[" + i + "]"));
        }
        return new ExpressionIdentityMapping(List.copyOf(expressions));
    }

    @Override
    public Optional<String> map(Identity identity) throws IdentityMappingException {
        for (MappingExpression expression : expressions) {
            Optional<String> output = expression.apply(identity);
            if (output.isPresent()) {
                return output;
            }
        }
        return Optional.empty();
    }

    @Override
    public Map<String, List<String>> mapAll(List<Identity> identities) throws IdentityMappingException {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        for (MappingExpression expression : expressions) {
            for (Identity identity : identities) {
                if (identity.status() == null || !MAPPABLE_STATUSES.contains(identity.status())) {
                    continue;
                }
                Optional<String> output = expression.apply(identity);
                if (output.isPresent()) {
                    found.computeIfAbsent(identity.id(), id -> new LinkedHashSet<>()).add(output.get());
                }
            }
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        found.forEach((id, usernames) -> result.put(id, List.copyOf(usernames)));
        return result;
    }

    private static IdentityMappingException invalid(String message) {
        return new IdentityMappingException(Reason.INVALID_MAPPING_DOCUMENT, message);
    }
}
