package org.conduit.manager.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code path_restrictions#1.0.0} document: the storage gateway's {@code restrict_paths} (absolute paths in
 * the connector's namespace) or a mapped collection's {@code sharing_restrict_paths} (paths relative to its
 * root). Evaluated at every data access, with GCS semantics:
 *
 * <ul>
 *   <li>Patterns are fnmatch(3) with flags 0 (see {@link GlobPattern}): {@code *} matches {@code /} too.
 *       {@code ~} (as the first component), {@code $HOME} and {@code $USER} are interpolated first; the
 *       interpolated values are escaped, so a username cannot smuggle in wildcards.</li>
 *   <li>A rule applies to a path when its pattern matches the path or one of its ancestors ({@code /}
 *       included): {@code read_write: ["/project"]} covers {@code /project/a/b}.</li>
 *   <li>Applicable rules are taken from the longest expression to the shortest, where "longer" counts
 *       pattern characters by GCS precedence: more literal characters first, then more bracket
 *       expressions, then more {@code ?}, then more {@code *}. So {@code /opt/data} outranks {@code *}
 *       even though {@code *} matches more text. At equal rank the more restrictive rule counts as longer.</li>
 *   <li>The GCS override table folds them: a longer {@code none} denies whatever is shorter; otherwise the
 *       more permissive wins, and a shorter {@code none} never removes a longer grant. Folding the table
 *       literally means that below a longer {@code read} and a middle {@code none}, a shorter
 *       {@code read_write} still upgrades the result to {@code read_write}.</li>
 *   <li>When restrictions exist and no rule applies, access is denied (fail closed; the GCS text does not
 *       say, and an allow-list that lets unlisted paths through would be a trap).</li>
 * </ul>
 *
 * <p>On top of the three GCS results, {@link #accessAt} reports {@link Access#TRAVERSE} for a directory that
 * is not granted but leads to a grant: some {@code read}/{@code read_write} pattern that does not apply to the
 * directory could match a path below it. Grants that already apply (and were overridden) do not count, so a
 * {@code none} subtree cannot be walked through a wider grant.
 */
public final class PathRestrictions {

    public static final String DATA_TYPE = "path_restrictions#1.0.0";

    private static final Set<String> LISTS = Set.of("read", "read_write", "none");

    /**
     * The GCS outcome at one path.
     *
     * @param access  {@link Access#NONE}, {@link Access#READ} or {@link Access#READ_WRITE}
     * @param matched whether any rule applied; when none did, {@code access} is {@link Access#NONE}
     */
    public record Verdict(Access access, boolean matched) {
    }

    /** One configured pattern, interpolated for a user, and the access its list gives. */
    private record Compiled(Access access, GlobPattern pattern) {
    }

    private final List<String> read;
    private final List<String> readWrite;
    private final List<String> none;

    private PathRestrictions(List<String> read, List<String> readWrite, List<String> none) {
        this.read = read;
        this.readWrite = readWrite;
        this.none = none;
    }

    /** Restrictions from the three lists; the same checks as {@link #fromJson}. */
    public static PathRestrictions of(List<String> read, List<String> readWrite, List<String> none) {
        Map<String, String> seen = new HashMap<>();
        PathRestrictions restrictions = new PathRestrictions(
                checked("read", read, seen), checked("read_write", readWrite, seen), checked("none", none, seen));
        // Compiling once now refuses unsupported bracket syntax when the document is configured, not at access time.
        restrictions.compile(MappedUser.withoutHome("user"));
        return restrictions;
    }

    /**
     * Reads a {@code path_restrictions#1.0.0} document. Refuses another {@code DATA_TYPE}, fields other than
     * {@code read}, {@code read_write} and {@code none}, non-string entries, relative patterns, the same
     * pattern in two lists, and bracket syntax we do not support. A list may be absent or {@code null}.
     */
    public static PathRestrictions fromJson(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException("path restrictions must be a JSON object with DATA_TYPE " + DATA_TYPE);
        }
        JsonNode type = document.get("DATA_TYPE");
        if (type == null || !type.isTextual() || !type.asText().equals(DATA_TYPE)) {
            throw new IllegalArgumentException("path restrictions need DATA_TYPE \"" + DATA_TYPE + "\", got "
                    + (type == null ? "none" : type.toString()));
        }
        for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("DATA_TYPE") && !LISTS.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "' in " + DATA_TYPE
                        + " (the lists are read, read_write and none)");
            }
        }
        return of(list(document, "read"), list(document, "read_write"), list(document, "none"));
    }

    private static List<String> list(JsonNode document, String name) {
        JsonNode node = document.get(name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'" + name + "' in " + DATA_TYPE + " must be a list of path patterns");
        }
        List<String> patterns = new ArrayList<>();
        for (JsonNode entry : node) {
            if (!entry.isTextual()) {
                throw new IllegalArgumentException("'" + name + "' in " + DATA_TYPE + " holds a non-string: " + entry);
            }
            patterns.add(entry.asText());
        }
        return patterns;
    }

    private static List<String> checked(String list, List<String> patterns, Map<String, String> seen) {
        Set<String> unique = new LinkedHashSet<>();
        for (String pattern : patterns) {
            Objects.requireNonNull(pattern, list + " pattern");
            if (!isAbsolute(pattern)) {
                throw new IllegalArgumentException("pattern '" + pattern + "' in '" + list
                        + "' is not absolute: start it with /, ~, $HOME or *");
            }
            String other = seen.putIfAbsent(pattern, list);
            if (other != null && !other.equals(list)) {
                throw new IllegalArgumentException("pattern '" + pattern + "' is in both '" + other + "' and '" + list
                        + "'; keep it in one list");
            }
            unique.add(pattern);
        }
        return List.copyOf(unique);
    }

    /**
     * Absolute: starts with {@code /}, with {@code ~} as a whole first component, with {@code $HOME}, or with
     * {@code *} (which with flags 0 matches the leading slash; configurations use {@code "none": ["*"]}).
     */
    private static boolean isAbsolute(String pattern) {
        return pattern.startsWith("/") || pattern.equals("~") || pattern.startsWith("~/")
                || pattern.startsWith("$HOME") || pattern.startsWith("*");
    }

    public List<String> read() {
        return read;
    }

    public List<String> readWrite() {
        return readWrite;
    }

    public List<String> none() {
        return none;
    }

    /** The GCS result at {@code path} (normalised, absolute) for {@code user}. */
    public Verdict evaluate(String path, MappedUser user) {
        CollectionPaths.requireNormalised(path);
        List<Compiled> applicable = new ArrayList<>();
        for (Compiled rule : compile(user)) {
            if (applies(rule.pattern(), path)) {
                applicable.add(rule);
            }
        }
        if (applicable.isEmpty()) {
            return new Verdict(Access.NONE, false);
        }
        applicable.sort(LONGEST_FIRST);
        Access result = applicable.get(0).access();
        for (Compiled shorter : applicable.subList(1, applicable.size())) {
            result = override(result, shorter.access());
        }
        return new Verdict(result, true);
    }

    /** {@link #evaluate}, raised to {@link Access#TRAVERSE} where the path leads to a grant (see the class doc). */
    public Access accessAt(String path, MappedUser user) {
        Verdict verdict = evaluate(path, user);
        if (verdict.access() != Access.NONE) {
            return verdict.access();
        }
        String below = CollectionPaths.childPrefix(path);
        for (Compiled rule : compile(user)) {
            if (rule.access() != Access.NONE && !applies(rule.pattern(), path)
                    && rule.pattern().canMatchLongerThan(below)) {
                return Access.TRAVERSE;
            }
        }
        return Access.NONE;
    }

    /** The GCS override table: the longer rule's result, given the next shorter one. */
    static Access override(Access longer, Access shorter) {
        return longer == Access.NONE ? Access.NONE : Access.max(longer, shorter);
    }

    private static final Comparator<Compiled> LONGEST_FIRST = Comparator
            .<Compiled>comparingInt(c -> c.pattern().count(GlobPattern.Kind.LITERAL))
            .thenComparingInt(c -> c.pattern().count(GlobPattern.Kind.BRACKET))
            .thenComparingInt(c -> c.pattern().count(GlobPattern.Kind.SINGLE))
            .thenComparingInt(c -> c.pattern().count(GlobPattern.Kind.STAR))
            .thenComparing(c -> c.access(), Comparator.reverseOrder())
            .reversed();

    private static boolean applies(GlobPattern pattern, String path) {
        for (String candidate : CollectionPaths.selfAndAncestors(path)) {
            if (pattern.matches(candidate)) {
                return true;
            }
        }
        return false;
    }

    private List<Compiled> compile(MappedUser user) {
        List<Compiled> rules = new ArrayList<>();
        addCompiled(rules, Access.READ, read, user);
        addCompiled(rules, Access.READ_WRITE, readWrite, user);
        addCompiled(rules, Access.NONE, none, user);
        return rules;
    }

    private static void addCompiled(List<Compiled> into, Access access, List<String> patterns, MappedUser user) {
        for (String pattern : patterns) {
            into.add(new Compiled(access, GlobPattern.compile(interpolate(pattern, user))));
        }
    }

    /**
     * Replaces a leading {@code ~} component, {@code $HOME} and {@code $USER}, escaping the values so that
     * they match literally, and drops a trailing slash ({@code /project/} means the directory {@code /project}).
     */
    static String interpolate(String pattern, MappedUser user) {
        String source = pattern.equals("~") || pattern.startsWith("~/") ? "$HOME" + pattern.substring(1) : pattern;
        String home = user.home().equals("/") ? "" : escape(user.home());
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("$HOME", i)) {
                out.append(home);
                i += 5;
            } else if (source.startsWith("$USER", i)) {
                out.append(escape(user.username()));
                i += 5;
            } else {
                out.append(source.charAt(i++));
            }
        }
        while (out.length() > 1 && out.charAt(out.length() - 1) == '/' && out.charAt(out.length() - 2) != '\\') {
            out.setLength(out.length() - 1);
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The document as the GCS Manager API returns it. */
    public ObjectNode toJson() {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("DATA_TYPE", DATA_TYPE);
        putList(document, "read", read);
        putList(document, "read_write", readWrite);
        putList(document, "none", none);
        return document;
    }

    private static void putList(ObjectNode document, String name, List<String> patterns) {
        ArrayNode array = document.putArray(name);
        patterns.forEach(array::add);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathRestrictions that
                && read.equals(that.read) && readWrite.equals(that.readWrite) && none.equals(that.none);
    }

    @Override
    public int hashCode() {
        return Objects.hash(read, readWrite, none);
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
