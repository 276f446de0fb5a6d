package org.conduit.identity.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conduit.identity.Identity;
import org.conduit.identity.IdentityMappingException;
import org.conduit.identity.IdentityMappingException.Reason;

/** One {@code MappingExpression}: {@code source}, {@code match}, {@code output}, {@code ignore_case}, {@code literal}. */
final class MappingExpression {

    /** Characters the matcher may read per attempt; legitimate username expressions need a few thousand. */
    static final long MAX_MATCH_STEPS = 1_000_000;
    static final Duration MAX_MATCH_TIME = Duration.ofMillis(250);

    private final String where;
    private final Template source;
    private final String match;
    private final Pattern pattern;
    private final Template output;

    private MappingExpression(String where, Template source, String match, Pattern pattern, Template output) {
        this.where = where;
        this.source = source;
        this.match = match;
        this.pattern = pattern;
        this.output = output;
    }

    static MappingExpression parse(JsonNode node, String where) throws IdentityMappingException {
        if (!node.isObject()) {
            throw invalid(where + " must be an object with source, match and output");
        }
        String sourceText = requiredText(node, "source", where);
        String matchText = requiredText(node, "match", where);
        String outputText = requiredText(node, "output", where);
        boolean ignoreCase = optionalFlag(node, "ignore_case", where);
        boolean literal = optionalFlag(node, "literal", where);

        int flags = Pattern.UNIX_LINES | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        Pattern pattern;
        int groupCount;
        if (literal) {
            pattern = Pattern.compile(Pattern.quote(matchText), flags);
            groupCount = 0;
        } else {
            ReducedRegex.Translation translation = ReducedRegex.translate(matchText, where + ".match");
            pattern = Pattern.compile(translation.regex(), flags);
            groupCount = translation.groupCount();
        }
        Template source = Template.parse(sourceText, where + ".source", 0,
                "group references belong in output, not in source");
        Template output = Template.parse(outputText, where + ".output", groupCount,
                literal ? "a literal match has no groups" : null);
        return new MappingExpression(where, source, matchText, pattern, output);
    }

    /** The output for this identity when the interpolated source fully matches, else empty. */
    Optional<String> apply(Identity identity) throws IdentityMappingException {
        String sourceText = source.render(identity, new String[0]);
        Matcher matcher = pattern.matcher(
                new BoundedCharSequence(sourceText, MAX_MATCH_STEPS, MAX_MATCH_TIME.toNanos()));
        boolean matched;
        try {
            matched = matcher.matches();
        } catch (BoundedCharSequence.BudgetExceeded | StackOverflowError e) {
            throw new IdentityMappingException(Reason.EXPRESSION_TOO_COSTLY, where + ".match '" + match
                    + "' needed more than " + MAX_MATCH_STEPS + " steps or " + MAX_MATCH_TIME.toMillis()
                    + " ms on a " + sourceText.length() + "-character source; rewrite it without nested or"
                    + " overlapping repetition such as ((a|a)*)* so that each character can match only one way");
        }
        if (!matched) {
            return Optional.empty();
        }
        String[] groups = new String[matcher.groupCount()];
        for (int g = 0; g < groups.length; g++) {
            groups[g] = matcher.group(g + 1);
        }
        return Optional.of(output.render(identity, groups));
    }

    private static String requiredText(JsonNode node, String field, String where) throws IdentityMappingException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(where + "." + field + (value == null ? " is missing" : " must be a string"));
        }
        return value.asText();
    }

    private static boolean optionalFlag(JsonNode node, String field, String where) throws IdentityMappingException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw invalid(where + "." + field + " must be true or false");
        }
        return value.booleanValue();
    }

    private static IdentityMappingException invalid(String message) {
        return new IdentityMappingException(Reason.INVALID_MAPPING_DOCUMENT, message);
    }
}
