package org.conduit.node.https;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.api.ApiException;

/**
 * A tus {@code Upload-Metadata} header: comma-separated pairs {@code key base64(value)}, the value optional.
 * Parsed strictly (printable ASCII keys, each once; canonical base64; UTF-8 values) because the header is stored
 * and echoed on HEAD, and because {@code filename} becomes a file name.
 */
record TusMetadata(String header, Map<String, String> values) {
    /** The database column's size. */
    static final int MAX_HEADER = 4096;

    static TusMetadata parse(String header) {
        if (header == null || header.isBlank()) {
            return new TusMetadata("", Map.of());
        }
        if (header.length() > MAX_HEADER) {
            throw invalid("is longer than " + MAX_HEADER + " characters");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : header.split(",", -1)) {
            String[] kv = pair.strip().split(" ", -1);
            if (kv.length > 2 || kv[0].isEmpty() || !kv[0].chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                throw invalid("has a pair that is not 'key base64value'");
            }
            if (values.put(kv[0], kv.length == 2 ? decode(kv[0], kv[1]) : "") != null) {
                throw invalid("names " + kv[0] + " twice");
            }
        }
        return new TusMetadata(header.strip(), Map.copyOf(values));
    }

    Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    private static String decode(String key, String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw invalid("value of " + key + " is not base64 of UTF-8 text");
        }
    }

    private static ApiException invalid(String why) {
        return ApiErrors.invalidInput("Upload-Metadata", "the header " + why);
    }
}
