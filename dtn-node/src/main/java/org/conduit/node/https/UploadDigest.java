package org.conduit.node.https;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.conduit.storage.spi.ChecksumAlgorithm;

/**
 * A checksum the uploader sent with a PUT, verified against the bytes as they are written: RFC 9530
 * {@code Content-Digest}/{@code Repr-Digest} ({@code sha-256=:base64:}), RFC 3230 {@code Digest}
 * ({@code SHA-256=base64}, {@code ADLER32=hex}) or {@code Content-MD5}.
 */
record UploadDigest(ChecksumAlgorithm algorithm, String expectedHex, String header) {

    static UploadDigest from(String contentDigest, String reprDigest, String digest, String contentMd5) {
        for (String structured : new String[] {contentDigest, reprDigest}) {
            if (structured != null) {
                for (String item : structured.split(",")) {
                    int eq = item.indexOf('=');
                    if (eq > 0) {
                        UploadDigest d = of(item.substring(0, eq).strip(), item.substring(eq + 1).strip().replace(":", ""),
                            structured);
                        if (d != null) {
                            return d;
                        }
                    }
                }
            }
        }
        if (digest != null) {
            for (String item : digest.split(",")) {
                int eq = item.indexOf('=');
                if (eq > 0) {
                    UploadDigest d = of(item.substring(0, eq).strip(), item.substring(eq + 1).strip(), "Digest");
                    if (d != null) {
                        return d;
                    }
                }
            }
        }
        return contentMd5 == null ? null : of("md5", contentMd5.strip(), "Content-MD5");
    }

    private static UploadDigest of(String name, String value, String header) {
        ChecksumAlgorithm algorithm;
        try {
            algorithm = ChecksumAlgorithm.parse(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
        String hex;
        if (algorithm == ChecksumAlgorithm.ADLER32 && value.matches("[0-9a-fA-F]{8}")) {
            hex = value.toLowerCase(Locale.ROOT);
        } else {
            try {
                hex = HexFormat.of().formatHex(Base64.getDecoder().decode(value));
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalArgumentException("the " + header + " header's " + name + " value is not base64");
            }
        }
        return new UploadDigest(algorithm, hex, header);
    }
}
