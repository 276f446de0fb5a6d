package org.conduit.identity.external;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.conduit.identity.Identity;
import org.conduit.identity.IdentityMapping;
import org.conduit.identity.IdentityMappingException;
import org.conduit.identity.IdentityMappingException.Reason;
import org.conduit.identity.MappingContext;

/**
 * {@code external_identity_mapping#1.0.0}: the administrator's program decides. It is run as
 * {@code command... -c <connector_id> -s <storage_gateway_id>} (plus {@code -a} in "map all" mode), reads
 * an {@code identity_mapping_input#1.0.0} document on stdin and prints an
 * {@code identity_mapping_output#1.0.0} document on stdout. A non-zero exit, a timeout, oversized or
 * malformed output, or a result for an identity it was not asked about is an error; an empty result
 * (or no output at all) means the identity is not mapped.
 */
public final class ExternalIdentityMapping implements IdentityMapping {

    public static final String DATA_TYPE = "external_identity_mapping#1.0.0";
    static final String INPUT_DATA_TYPE = "identity_mapping_input#1.0.0";
    static final String OUTPUT_DATA_TYPE = "identity_mapping_output#1.0.0";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final List<String> command;
    private final MappingContext context;

    private ExternalIdentityMapping(List<String> command, MappingContext context) {
        this.command = command;
        this.context = context;
    }

    /** Reads {@code {DATA_TYPE, command: [program, args...]}}; arguments may be strings or numbers, as in GCS. */
    public static ExternalIdentityMapping fromDocument(JsonNode document, MappingContext context)
            throws IdentityMappingException {
        if (document == null || !document.isObject()) {
            throw invalid("an identity mapping document must be a JSON object");
        }
        String dataType = document.path("DATA_TYPE").asText(null);
        if (!DATA_TYPE.equals(dataType)) {
            throw invalid("expected DATA_TYPE " + DATA_TYPE + " but the document has " + dataType);
        }
        JsonNode commandNode = document.get("command");
        if (commandNode == null || !commandNode.isArray() || commandNode.isEmpty()) {
            throw invalid(DATA_TYPE + " document needs a non-empty 'command' array: the program path, then its arguments");
        }
        List<String> command = new ArrayList<>();
        for (JsonNode argument : commandNode) {
            if (!argument.isTextual() && !argument.isNumber()) {
                throw invalid(DATA_TYPE + " command entries must be strings or numbers");
            }
            command.add(argument.asText());
        }
        if (command.get(0).isBlank()) {
            throw invalid(DATA_TYPE + " command must start with the path of the mapping program");
        }
        return new ExternalIdentityMapping(List.copyOf(command), context);
    }

    /** Runs the program for one identity; only the first result counts, and it must be about that identity. */
    @Override
    public Optional<String> map(Identity identity) throws IdentityMappingException {
        List<Result> results = run(List.of(identity), false);
        if (results.isEmpty()) {
            return Optional.empty();
        }
        Result first = results.get(0);
        if (!sameId(first.id(), identity.id())) {
            throw failed("identity mapping program " + program() + " answered for identity " + first.id()
                    + " but was asked about " + identity.id() + "; its first result must carry the input identity's id");
        }
        return first.output().isEmpty() ? Optional.empty() : Optional.of(first.output());
    }

    /** Runs the program once with {@code -a} for all identities; every result must be about one of them. */
    @Override
    public Map<String, List<String>> mapAll(List<Identity> identities) throws IdentityMappingException {
        if (identities.isEmpty()) {
            return Map.of();
        }
        Map<String, Set<String>> found = new LinkedHashMap<>();
        for (Result result : run(identities, true)) {
            Identity identity = identities.stream()
                    .filter(candidate -> sameId(candidate.id(), result.id()))
                    .findFirst()
                    .orElseThrow(() -> failed("identity mapping program " + program() + " answered for identity "
                            + result.id() + ", which is not one of the identities it was given"));
            if (!result.output().isEmpty()) {
                found.computeIfAbsent(identity.id(), id -> new LinkedHashSet<>()).add(result.output());
            }
        }
        Map<String, List<String>> mapped = new LinkedHashMap<>();
        found.forEach((id, usernames) -> mapped.put(id, List.copyOf(usernames)));
        return mapped;
    }

    private record Result(String id, String output) {}

    private List<Result> run(List<Identity> identities, boolean all) throws IdentityMappingException {
        List<String> argv = new ArrayList<>(command);
        argv.addAll(List.of("-c", context.connectorId(), "-s", context.storageGatewayId()));
        if (all) {
            argv.add("-a");
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("DATA_TYPE", INPUT_DATA_TYPE);
        request.put("identities", identities);
        byte[] input;
        try {
            input = JSON.writeValueAsBytes(request);
        } catch (JacksonException e) {
            throw new IllegalStateException("identities are always serialisable", e);
        }
        byte[] stdout = ProgramRunner.run(argv, input, context.externalProgramTimeout(),
                context.externalProgramOutputLimit());
        return parseOutput(stdout);
    }

    private List<Result> parseOutput(byte[] stdout) throws IdentityMappingException {
        JsonNode document;
        try {
            document = JSON.readTree(stdout);
        } catch (IOException e) {
            String detail = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
            throw badOutput("it is not JSON (" + detail + ")");
        }
        if (document == null || document.isMissingNode()) {
            return List.of();
        }
        if (!document.isObject()) {
            throw badOutput("it is not a JSON object");
        }
        JsonNode dataType = document.get("DATA_TYPE");
        if (dataType != null && !OUTPUT_DATA_TYPE.equals(dataType.asText())) {
            throw badOutput("its DATA_TYPE is " + dataType + " instead of " + OUTPUT_DATA_TYPE);
        }
        JsonNode result = document.get("result");
        if (result == null || !result.isArray()) {
            throw badOutput("it has no 'result' array");
        }
        List<Result> results = new ArrayList<>();
        for (JsonNode item : result) {
            JsonNode id = item.get("id");
            JsonNode output = item.get("output");
            if (id == null || !id.isTextual() || output == null || !output.isTextual()) {
                throw badOutput("each result must be an object with string fields 'id' and 'output'");
            }
            results.add(new Result(id.asText(), output.asText()));
        }
        return results;
    }

    /** Ids are compared as written, or as UUIDs when both are UUIDs (case and form may differ). */
    private static boolean sameId(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            return UUID.fromString(a).equals(UUID.fromString(b));
        } catch (IllegalArgumentException notUuids) {
            return false;
        }
    }

    private String program() {
        return command.get(0);
    }

    private IdentityMappingException badOutput(String problem) {
        return failed("identity mapping program " + program() + " printed an invalid " + OUTPUT_DATA_TYPE
                + " document: " + problem + "; it must print {\"DATA_TYPE\": \"" + OUTPUT_DATA_TYPE
                + "\", \"result\": [{\"id\": ..., \"output\": ...}]} and nothing else on stdout");
    }

    private static IdentityMappingException failed(String message) {
        return new IdentityMappingException(Reason.MAPPING_PROGRAM_FAILED, message);
    }

    private static IdentityMappingException invalid(String message) {
        return new IdentityMappingException(Reason.INVALID_MAPPING_DOCUMENT, message);
    }
}
