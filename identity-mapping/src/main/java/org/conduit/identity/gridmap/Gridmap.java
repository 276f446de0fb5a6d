package org.conduit.identity.gridmap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A parsed Globus grid-mapfile: lines {@code "<DN>" user1,user2}, the DN in slash form (quoted when it has
 * spaces, {@code \"} and {@code \\} escapes, {@code \xHH} bytes), users separated by commas or
 * whitespace, {@code #} comments and blank lines ignored. As in the Globus toolkit a malformed line is
 * skipped (and logged) rather than failing the file, and the first line for a DN wins. Immutable.
 */
public final class Gridmap {

    private static final Logger LOG = LoggerFactory.getLogger(Gridmap.class);
    private static final String WHITESPACE = " \t\r\n";

    private final Map<String, List<String>> usersByDn;

    private Gridmap(Map<String, List<String>> usersByDn) {
        this.usersByDn = usersByDn;
    }

    /** @param origin where the lines come from, for warnings about malformed lines */
    public static Gridmap parse(List<String> lines, String origin) {
        Map<String, List<String>> usersByDn = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            try {
                Line line = parseLine(lines.get(n));
                if (line != null) {
                    usersByDn.putIfAbsent(DistinguishedNames.comparisonKey(line.dn()), line.users());
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("gridmap {} line {}: {}; line ignored", origin, n + 1, e.getMessage());
            }
        }
        return new Gridmap(usersByDn);
    }

    /**
     * The local users listed for a DN (slash or RFC 2253 form), default user first; empty when the DN is
     * not in the file.
     *
     * @throws IllegalArgumentException when {@code dn} is not a DN
     */
    public List<String> users(String dn) {
        String slash = DistinguishedNames.unescape(DistinguishedNames.toSlashForm(dn), false);
        return usersByDn.getOrDefault(DistinguishedNames.comparisonKey(slash), List.of());
    }

    /** The default (first) local user for a DN. */
    public Optional<String> firstUser(String dn) {
        return users(dn).stream().findFirst();
    }

    private record Line(String dn, List<String> users) {}

    /** One line, or {@code null} for a blank or comment line. */
    private static Line parseLine(String text) {
        int i = skip(text, 0, WHITESPACE);
        if (i == text.length() || text.charAt(i) == '#') {
            return null;
        }
        String rawDn;
        int end;
        if (text.charAt(i) == '"') {
            int j = i + 1;
            while (j < text.length() && text.charAt(j) != '"') {
                j += text.charAt(j) == '\\' ? 2 : 1;
            }
            if (j >= text.length()) {
                throw new IllegalArgumentException("the closing quote of the DN is missing");
            }
            rawDn = text.substring(i + 1, j);
            end = j + 1;
        } else {
            int j = i;
            while (j < text.length() && WHITESPACE.indexOf(text.charAt(j)) < 0) {
                j++;
            }
            rawDn = text.substring(i, j);
            end = j;
        }
        List<String> users = new ArrayList<>();
        for (String user : text.substring(end).strip().split("[,\\s]+")) {
            if (user.startsWith("#")) {
                break;
            }
            if (!user.isEmpty()) {
                users.add(user);
            }
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("no local user follows the DN");
        }
        return new Line(DistinguishedNames.unescape(rawDn, true), List.copyOf(users));
    }

    private static int skip(String text, int from, String chars) {
        int i = from;
        while (i < text.length() && chars.indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
