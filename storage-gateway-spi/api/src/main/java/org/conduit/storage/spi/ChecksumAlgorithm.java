package org.conduit.storage.spi;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.Adler32;

/** The checksum algorithms GridFTP (GCT's file DSI) and the Transfer API know, by their GridFTP names. */
public enum ChecksumAlgorithm {
    MD5("MD5"), ADLER32(null), SHA1("SHA-1"), SHA256("SHA-256"), SHA512("SHA-512");

    private final String jcaName;

    ChecksumAlgorithm(String jcaName) {
        this.jcaName = jcaName;
    }

    /** Case-insensitive lookup of a client-supplied name; unknown names get a clear error. */
    public static ChecksumAlgorithm parse(String name) {
        String wanted = name.trim().toUpperCase(Locale.ROOT).replace("-", "");
        for (ChecksumAlgorithm a : values()) {
            if (a.name().equals(wanted)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown checksum algorithm requested: '" + name
            + "'. Known: MD5, ADLER32, SHA1, SHA256, SHA512");
    }

    /** A fresh streaming state for this algorithm. */
    public Checksum start() {
        if (this == ADLER32) {
            Adler32 adler = new Adler32();
            return new Checksum() {
                @Override public void update(ByteBuffer data) { adler.update(data); }
                @Override public String hex() { return String.format("%08x", adler.getValue()); }
            };
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without " + jcaName, e);
        }
        return new Checksum() {
            @Override public void update(ByteBuffer data) { digest.update(data); }
            @Override public String hex() { return HexFormat.of().formatHex(digest.digest()); }
        };
    }

    /** Streaming checksum state. {@link #hex()} ends it and returns lowercase hex (ADLER32: 8 digits). */
    public interface Checksum {
        void update(ByteBuffer data);

        String hex();
    }
}
