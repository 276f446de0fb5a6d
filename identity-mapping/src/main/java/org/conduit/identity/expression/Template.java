package org.conduit.identity.expression;

import java.util.ArrayList;
import java.util.List;
import org.conduit.identity.Identity;
import org.conduit.identity.IdentityMappingException;
import org.conduit.identity.IdentityMappingException.Reason;

/**
 * A {@code source} or {@code output} string: text with {@code {field}} identity interpolations and, in
 * outputs, {@code {0}}, {@code {1}}... references to the match groups ({@code {0}} is the first
 * parenthesised group, as in GCS). A brace preceded by an odd number of backslashes is not an
 * interpolation; backslashes are kept as written, like GCS does. Parsed once, so that references that
 * can never work are reported when the document is loaded rather than on a user's request.
 */
final class Template {

    private sealed interface Part permits Text, Field, Group {}

    private record Text(String text) implements Part {}

    private record Field(String name) implements Part {}

    private record Group(int index) implements Part {}

    private final String where;
    private final List<Part> parts;

    private Template(String where, List<Part> parts) {
        this.where = where;
        this.parts = parts;
    }

    /**
     * @param groupCount groups the match captures; group references at or beyond it are rejected
     * @param groupsHint why groups are unavailable, for the error message, or {@code null}
     */
    static Template parse(String template, String where, int groupCount, String groupsHint)
            throws IdentityMappingException {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int backslashes = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' && backslashes % 2 == 0 ? template.indexOf('}', i + 1) : -1;
            if (close < 0) {
                text.append(c);
                backslashes = c == '\\' ? backslashes + 1 : 0;
                i++;
                continue;
            }
            if (!text.isEmpty()) {
                parts.add(new Text(text.toString()));
                text.setLength(0);
            }
            String name = template.substring(i + 1, close);
            parts.add(reference(name, template, where, groupCount, groupsHint));
            backslashes = 0;
            i = close + 1;
        }
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString()));
        }
        return new Template(where, List.copyOf(parts));
    }

    private static Part reference(String name, String template, String where, int groupCount, String groupsHint)
            throws IdentityMappingException {
        if (name.isEmpty()) {
            throw invalid(where, template, "'{}' names no identity field; write e.g. {username}");
        }
        if (!name.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return new Field(name);
        }
        int index = name.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(name);
        if (index >= groupCount) {
            throw invalid(where, template, "{" + name + "} refers to match group " + name + " but "
                    + (groupsHint != null ? groupsHint : "the match has " + groupCount
                    + " group(s) and {0} is the first parenthesised group"));
        }
        return new Group(index);
    }

    /** Interpolates identity fields and match groups ({@code groups[0]} is the first group). */
    String render(Identity identity, String[] groups) throws IdentityMappingException {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Text t) {
                out.append(t.text());
            } else if (part instanceof Field f) {
                String value = identity.field(f.name());
                if (value == null) {
                    throw new IdentityMappingException(Reason.MISSING_IDENTITY_FIELD, where + " interpolates {"
                            + f.name() + "} but identity " + identity.id() + " (" + identity.username()
                            + ") has no '" + f.name() + "' field; use a field every identity has"
                            + " (id, username, identity_provider) or add a mapping that does not need it");
                }
                out.append(value);
            } else if (part instanceof Group g) {
                String value = groups[g.index()];
                if (value == null) {
                    throw new IdentityMappingException(Reason.INVALID_MAPPING_DOCUMENT, where + " uses {"
                            + g.index() + "} but that group took no part in the match for identity "
                            + identity.id() + "; make the group non-optional or split the mapping in two");
                }
                out.append(value);
            }
        }
        return out.toString();
    }

    private static IdentityMappingException invalid(String where, String template, String problem) {
        return new IdentityMappingException(Reason.INVALID_MAPPING_DOCUMENT, where + " '" + template + "': " + problem);
    }
}
