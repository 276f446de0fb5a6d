package org.conduit.manager.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Issues this endpoint's own bearer tokens, for deployments with no identity provider and for
 * credentials the endpoint hands out itself (workers, GridFTP token login). Tokens are ES256 JWTs
 * signed with a P-256 key kept in one file under the given directory: created owner-only (0600) on
 * first use and reused afterwards, so tokens stay valid across restarts and every node sharing the
 * directory accepts them. The private key is never logged and never leaves this object.
 */
public final class LocalTokenIssuer {

    /** Name of the key file (a private JWK) inside the key directory. */
    public static final String KEY_FILE_NAME = "local-token-signing-key.jwk";

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private final String issuer;
    private final String audience;
    private final String keyId;
    private final JWSSigner signer;
    private final JWKSet publicKeys;
    private final String domain;

    /**
     * @param keyDirectory where the key file lives; created (0700) if missing
     * @param issuer       the {@code iss} of every token, this endpoint's URL as the caller chooses it
     * @param audience     the {@code aud} of every token: this endpoint's own audience
     * @throws IOException           if the key cannot be read or created
     * @throws IllegalStateException if the key file is accessible by other users or is not a P-256 private key
     */
    public LocalTokenIssuer(Path keyDirectory, String issuer, String audience) throws IOException {
        this(keyDirectory, issuer, audience, null);
    }

    /**
     * @param domain the endpoint's local identity domain: tokens are issued only for {@code user@domain}, and no
     *               other issuer may name users of this domain; null for an issuer not tied to one domain
     */
    public LocalTokenIssuer(Path keyDirectory, String issuer, String audience, String domain) throws IOException {
        this.domain = domain == null ? null : domain.toLowerCase(java.util.Locale.ROOT);
        this.issuer = requireText(issuer, "issuer");
        this.audience = requireText(audience, "audience");
        ECKey key = loadOrCreateKey(keyDirectory);
        this.keyId = key.getKeyID();
        try {
            this.signer = new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("the local token key in " + keyDirectory + " cannot sign", e);
        }
        this.publicKeys = new JWKSet(key.toPublicJWK());
    }

    /**
     * A signed token for {@code username}, valid for {@code ttl} from now, with a fresh random {@code jti}
     * so that it can be revoked alone.
     *
     * @throws IllegalArgumentException if the username is not {@code user@domain} or the ttl is not positive
     */
    public String issue(String username, Duration ttl) {
        String subject = Principal.canonicalUsername(username);
        if (domain != null && !subject.endsWith("@" + domain)) {
            throw new IllegalArgumentException("this endpoint issues tokens only for users of its local domain "
                    + domain + ", not for " + subject);
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a token lifetime must be positive");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID(keyId).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a local token failed", e);
        }
        return jwt.serialize();
    }

    public String issuer() {
        return issuer;
    }

    /** The local identity domain, or null when this issuer is not tied to one. */
    public String domain() {
        return domain;
    }

    public String audience() {
        return audience;
    }

    /** The public half of the signing key, for verification here and for publishing as a JWKS. */
    public JWKSet publicKeys() {
        return publicKeys;
    }

    private static ECKey loadOrCreateKey(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        }
        Path keyFile = directory.resolve(KEY_FILE_NAME);
        if (!Files.exists(keyFile)) {
            createKeyFile(directory, keyFile);
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
        if (!OWNER_ONLY_FILE.containsAll(permissions)) {
            throw new IllegalStateException("the local token key " + keyFile + " is accessible by other users ("
                    + PosixFilePermissions.toString(permissions) + "); anyone who can read it can sign tokens as any "
                    + "user: run chmod 600 on it, or delete it to make a new key (which invalidates issued tokens)");
        }
        ECKey key;
        try {
            key = ECKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IllegalStateException("the local token key " + keyFile + " is not a valid EC JWK; delete it to "
                    + "make a new key (which invalidates issued tokens)");
        }
        if (!Curve.P_256.equals(key.getCurve()) || !key.isPrivate() || key.getKeyID() == null) {
            throw new IllegalStateException("the local token key " + keyFile + " is not a P-256 private key with a "
                    + "key id; delete it to make a new key (which invalidates issued tokens)");
        }
        return key;
    }

    /**
     * Writes a new key to a private temporary file, flushes it to disk, then links it into place: the
     * key file appears whole or not at all, and if another process created one meanwhile, theirs wins
     * and both use it.
     */
    private static void createKeyFile(Path directory, Path keyFile) throws IOException {
        ECKey key;
        try {
            key = new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("this Java platform cannot make P-256 keys", e);
        }
        Path temporary = Files.createTempFile(directory, ".signing-key-", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer content = ByteBuffer.wrap(key.toJSONString().getBytes(StandardCharsets.UTF_8));
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            Files.createLink(keyFile, temporary);
        } catch (FileAlreadyExistsException raced) {
            // Another process made the key first; it is complete (linked the same way) and is used instead.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a local token issuer needs a non-blank " + name);
        }
        return value;
    }

    @Override
    public String toString() {
        return "LocalTokenIssuer[" + issuer + "]";
    }
}
