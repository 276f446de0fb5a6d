package org.conduit.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/** Builds mapping documents with Jackson so that match expressions need no JSON escaping in tests. */
public final class TestDocuments {

    public static final ObjectMapper JSON = new ObjectMapper();

    private TestDocuments() {}

    public static ObjectNode mapping(String source, String match, String output) {
        return JSON.createObjectNode().put("source", source).put("match", match).put("output", output);
    }

    public static ObjectNode expressionDocument(ObjectNode... mappings) {
        ObjectNode document = JSON.createObjectNode().put("DATA_TYPE", "expression_identity_mapping#1.0.0");
        ArrayNode array = document.putArray("mappings");
        for (ObjectNode mapping : mappings) {
            array.add(mapping);
        }
        return document;
    }

    public static ObjectNode externalDocument(Path program, String... arguments) {
        ObjectNode document = JSON.createObjectNode().put("DATA_TYPE", "external_identity_mapping#1.0.0");
        ArrayNode command = document.putArray("command").add(program.toString());
        for (String argument : arguments) {
            command.add(argument);
        }
        return document;
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
