package org.conduit.identity.expression;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import org.conduit.identity.IdentityMappingException;

/**
 * Translates the GCS match language into a {@link java.util.regex.Pattern} source.
 *
 * <p>The language is a reduced POSIX ERE: {@code .} any character, {@code ?} and {@code *} repeat the
 * preceding item, {@code |} alternatives, {@code ()} numbered groups, {@code \} escapes one of
 * {@code . ? * | ( ) \ "}, and {@code \1}..{@code \9} refer back to a group (as the Python
 * implementation GCS uses allows). Every other character, {@code ^ $ + { } [ ]} included, matches
 * itself. A leading {@code *} or {@code ?}, the lazy forms {@code *?} and {@code ??}, and any other
 * construct Java would read differently are rejected here, so that an expression means the same thing
 * in Conduit as in GCS or does not load at all.
 */
final class ReducedRegex {

    /** The Java pattern source and the number of groups it captures. */
    record Translation(String regex, int groupCount) {}

    private static final String ESCAPABLE = ".?*|()\\\"";

    private enum Previous { START, ATOM, QUANTIFIER, GROUP_OPEN, ALTERNATION }

    private ReducedRegex() {}

    static Translation translate(String match, String where) throws IdentityMappingException {
        StringBuilder regex = new StringBuilder(match.length() + 16);
        Deque<Integer> openGroups = new ArrayDeque<>();
        BitSet closedGroups = new BitSet();
        int groupCount = 0;
        Previous previous = Previous.START;
        for (int i = 0; i < match.length(); i++) {
            char c = match.charAt(i);
            switch (c) {
                case '*', '?' -> {
                    if (i == 0) {
                        throw invalid(where, match, "a leading wildcard '" + c
                                + "' is not allowed; start the expression with what the text must begin with");
                    }
                    if (previous == Previous.QUANTIFIER) {
                        String pair = "" + match.charAt(i - 1) + c;
                        throw invalid(where, match, c == '?'
                                ? "'" + pair + "' (lazy repetition) is not supported"
                                : "'" + pair + "' repeats a repetition; use a single '*'");
                    }
                    if (previous != Previous.ATOM) {
                        throw invalid(where, match, "'" + c + "' at position " + (i + 1) + " has nothing before it to repeat");
                    }
                    regex.append(c);
                    previous = Previous.QUANTIFIER;
                }
                case '.' -> {
                    regex.append('.');
                    previous = Previous.ATOM;
                }
                case '|' -> {
                    regex.append('|');
                    previous = Previous.ALTERNATION;
                }
                case '(' -> {
                    openGroups.push(++groupCount);
                    regex.append('(');
                    previous = Previous.GROUP_OPEN;
                }
                case ')' -> {
                    if (openGroups.isEmpty()) {
                        throw invalid(where, match, "')' at position " + (i + 1) + " has no matching '('; write '\\)' for a literal parenthesis");
                    }
                    closedGroups.set(openGroups.pop());
                    regex.append(')');
                    previous = Previous.ATOM;
                }
                case '\\' -> {
                    if (i + 1 == match.length()) {
                        throw invalid(where, match, "it ends with a lone '\\'; write '\\\\' to match a backslash");
                    }
                    char escaped = match.charAt(++i);
                    if (ESCAPABLE.indexOf(escaped) >= 0) {
                        regex.append('\\').append(escaped);
                    } else if (escaped >= '1' && escaped <= '9') {
                        int group = escaped - '0';
                        if (!closedGroups.get(group)) {
                            throw invalid(where, match, "'\\" + escaped + "' refers to group " + group
                                    + ", which is not a complete group before it");
                        }
                        regex.append("(?:\\").append(escaped).append(')');
                    } else {
                        throw invalid(where, match, "'\\" + escaped + "' is not a valid escape; only . ? * | ( ) \\ \" can be"
                                + " escaped (other characters match themselves), and \\1 to \\9 refer back to a group");
                    }
                    previous = Previous.ATOM;
                }
                default -> {
                    appendLiteral(regex, c);
                    previous = Previous.ATOM;
                }
            }
        }
        if (!openGroups.isEmpty()) {
            throw invalid(where, match, openGroups.size() + " '(' not closed; write '\\(' for a literal parenthesis");
        }
        return new Translation(regex.toString(), groupCount);
    }

    private static void appendLiteral(StringBuilder regex, char c) {
        if (Character.isLetterOrDigit(c) || c >= 0x80) {
            regex.append(c);
        } else if (c < 0x20 || c == 0x7f) {
            regex.append(String.format("\\x%02x", (int) c));
        } else {
            regex.append('\\').append(c);
        }
    }

    private static IdentityMappingException invalid(String where, String match, String problem) {
        return new IdentityMappingException(IdentityMappingException.Reason.INVALID_MAPPING_DOCUMENT,
                where + " '" + match + "' is not a valid match expression: " + problem);
    }
}
