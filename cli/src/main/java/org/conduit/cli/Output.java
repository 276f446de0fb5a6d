package org.conduit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * What the verbs print: by default text for people (aligned fields for one document, a table for a listing,
 * like {@code globus-connect-server}), with {@code --format json} the raw documents for programs, and with
 * {@code --field NAME} just one value per document for shell scripts.
 */
final class Output {
    enum Format { text, json }

    /** A table column: its header and how to get the cell from a document. */
    record Column(String header, Function<JsonNode, String> cell) {
        static Column field(String header, String path) {
            return new Column(header, doc -> text(select(doc, path)));
        }
    }

    private static final Set<String> ACRONYMS = Set.of("id", "url", "https", "mfa", "api", "dsi", "udt", "gcs",
        "s3", "tlsftp", "uid", "gid", "fs");

    private final PrintWriter out;
    private final Format format;
    private final String field;

    Output(PrintWriter out, Format format, String field) {
        this.out = out;
        this.format = format;
        this.field = field;
    }

    Format format() {
        return format;
    }

    boolean selectsField() {
        return field != null;
    }

    /** A bare line, for verbs whose text output is one value meant for {@code $(...)}. */
    void line(String text) {
        out.println(text);
        out.flush();
    }

    /** One document (show, create, update). */
    void document(JsonNode doc) {
        if (field != null) {
            JsonNode value = select(doc, field);
            if (value.isMissingNode()) {
                throw new UsageError("no field '" + field + "' in the " + doc.path("DATA_TYPE").asText("answer")
                    + " document; it has: " + String.join(", ", names(doc)));
            }
            printValue(value);
        } else if (format == Format.json) {
            out.println(Json.pretty(doc));
        } else {
            List<String> names = names(doc);
            int width = names.stream().mapToInt(n -> label(n).length()).max().orElse(0) + 1;
            for (String name : names) {
                out.println((pad(label(name) + ":", width) + " " + oneLine(text(doc.get(name)))).stripTrailing());
            }
        }
        out.flush();
    }

    /** A listing (every page already fetched). */
    void documents(List<JsonNode> docs, List<Column> columns) {
        if (field != null) {
            if (!docs.isEmpty() && docs.stream().allMatch(d -> select(d, field).isMissingNode())) {
                throw new UsageError("no field '" + field + "' in these documents; they have: "
                    + String.join(", ", names(docs.get(0))));
            }
            docs.forEach(d -> printValue(select(d, field)));
        } else if (format == Format.json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            docs.forEach(array::add);
            out.println(Json.pretty(array));
        } else {
            table(docs, columns);
        }
        out.flush();
    }

    /** The outcome of an action without a document (delete): a sentence, or the result envelope as JSON. */
    void done(String sentence, JsonNode envelope) {
        if (field != null) {
            document(envelope);
            return;
        }
        out.println(format == Format.json ? Json.pretty(envelope) : sentence);
        out.flush();
    }

    private void table(List<JsonNode> docs, List<Column> columns) {
        List<String[]> rows = new ArrayList<>();
        for (JsonNode d : docs) {
            rows.add(columns.stream().map(c -> oneLine(c.cell().apply(d))).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).header().length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        out.println(row(columns.stream().map(Column::header).toArray(String[]::new), widths));
        out.println(row(Arrays.stream(widths).mapToObj("-"::repeat).toArray(String[]::new), widths));
        rows.forEach(r -> out.println(row(r, widths)));
    }

    private static String row(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(i == 0 ? "" : " | ").append(pad(cells[i], widths[i]));
        }
        return line.toString().stripTrailing();
    }

    private void printValue(JsonNode value) {
        out.println(format == Format.json ? Json.compact(value) : oneLine(text(value)));
    }

    /**
     * The value at a dotted path ({@code policies.groups_allow}, {@code identity_mappings.0}); a missing node
     * when absent.
     */
    static JsonNode select(JsonNode doc, String path) {
        JsonNode node = doc;
        for (String part : path.split("\\.")) {
            if (node.isArray() && part.matches("\\d+")) {
                node = node.path(Integer.parseInt(part));
            } else {
                node = node.path(part);
            }
        }
        return node;
    }

    /** A value for people: scalars as they are, lists of scalars comma-separated, the rest as compact JSON. */
    static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isArray() && StreamSupport.stream(value.spliterator(), false).allMatch(JsonNode::isValueNode)) {
            return StreamSupport.stream(value.spliterator(), false).map(JsonNode::asText)
                .collect(Collectors.joining(", "));
        }
        return Json.compact(value);
    }

    /** {@code display_name} becomes {@code Display Name}, {@code https_url} {@code HTTPS URL}. */
    static String label(String name) {
        return Arrays.stream(name.split("_"))
            .map(w -> ACRONYMS.contains(w) ? w.toUpperCase(Locale.ROOT)
                : w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1))
            .collect(Collectors.joining(" "));
    }

    /** Field names in the server's order, but {@code id} and {@code display_name} first; no DATA_TYPE. */
    private static List<String> names(JsonNode doc) {
        List<String> names = new ArrayList<>();
        for (String first : List.of("id", "display_name")) {
            if (doc.has(first)) {
                names.add(first);
            }
        }
        for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (!n.equals("DATA_TYPE") && !names.contains(n)) {
                names.add(n);
            }
        }
        return names;
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ");
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
