package org.conduit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** JSON helpers shared by the verbs: typed request documents, string lists, JSON files given as options. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** A new request document of the given GCS type, e.g. {@code collection#1.16.0}. */
    static ObjectNode document(String dataType) {
        return MAPPER.createObjectNode().put("DATA_TYPE", dataType);
    }

    /** Sets {@code name} when the option was given (blank items dropped, so {@code --opt ""} clears a list). */
    static void putList(ObjectNode doc, String name, List<String> values) {
        if (values != null) {
            ArrayNode list = doc.putArray(name);
            values.stream().map(String::strip).filter(v -> !v.isEmpty()).forEach(list::add);
        }
    }

    static void putIfGiven(ObjectNode doc, String name, String value) {
        if (value != null) {
            doc.put(name, value);
        }
    }

    static void putIfGiven(ObjectNode doc, String name, Boolean value) {
        if (value != null) {
            doc.put(name, value);
        }
    }

    static void putIfGiven(ObjectNode doc, String name, Integer value) {
        if (value != null) {
            doc.put(name, value);
        }
    }

    /** Reads a JSON file named by an option; a missing or malformed file is the caller's mistake. */
    static JsonNode readFile(Path file, String option) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new UsageError(option + " " + file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UsageError("cannot read " + option + " " + file + ": " + e.getMessage());
        }
    }

    static String pretty(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String compact(JsonNode node) {
        return node.toString();
    }
}
