package org.conduit.manager.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.conduit.identity.Identity;

/**
 * Who made a request, as established by {@link TokenAuthenticator}: the input of the Map and Authorize
 * steps. The identity's username is always {@code user@domain} and its id is derived from that username
 * alone ({@link #identityId}), so the same person has the same id on every node and after every restart
 * without any identity database.
 *
 * @param identity         the authenticated identity, {@code status} {@code used}
 * @param authTime         when the user authenticated: the {@code auth_time} claim, else {@code iat}
 * @param issuer           the token's {@code iss}, exactly as configured
 * @param groups           group ids from the issuer's configured groups claim; empty when none
 * @param linkedIdentities other identities of the same person (configured links), never this one
 * @param tokenId          the token's {@code jti}, or {@code null} when the issuer sets none
 * @param expiresAt        the token's {@code exp}: nothing authenticated by it outlives this
 */
public record Principal(
        Identity identity,
        Instant authTime,
        String issuer,
        List<String> groups,
        List<Identity> linkedIdentities,
        String tokenId,
        Instant expiresAt) {

    /** Namespace of the name-based (version 5) identity ids; changing it would change every id. */
    private static final UUID IDENTITY_NAMESPACE = UUID.fromString("1a29beaa-68fd-41ab-8993-a2157633fa81");
    private static final int MAX_USERNAME_LENGTH = 256;

    public Principal {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(issuer, "issuer");
        groups = List.copyOf(groups);
        linkedIdentities = List.copyOf(linkedIdentities);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public String username() {
        return identity.username();
    }

    public String id() {
        return identity.id();
    }

    /**
     * The stable identity id of a username: a version 5 (SHA-1, name-based) UUID of its canonical form
     * ({@link #canonicalUsername}), so {@code alice@Example.org} and {@code alice@example.org} share it.
     *
     * @throws IllegalArgumentException if the username is not {@code user@domain}
     */
    public static UUID identityId(String username) {
        byte[] name = canonicalUsername(username).getBytes(StandardCharsets.UTF_8);
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(IDENTITY_NAMESPACE.getMostSignificantBits())
                .putLong(IDENTITY_NAMESPACE.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name);
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    /**
     * A username in the one form used for ids and comparisons: exactly one {@code @}, a non-empty user
     * part kept as is (identity providers may treat it case-sensitively) and a domain in lower case (DNS
     * names are case-insensitive).
     *
     * @throws IllegalArgumentException if the username is not {@code user@domain}, has whitespace or control
     *                                  characters, or is longer than 256 characters
     */
    public static String canonicalUsername(String username) {
        Objects.requireNonNull(username, "username");
        if (username.length() > MAX_USERNAME_LENGTH) {
            throw new IllegalArgumentException("a username has at most " + MAX_USERNAME_LENGTH + " characters");
        }
        if (username.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("a username has no whitespace or control characters");
        }
        int at = username.indexOf('@');
        if (at <= 0 || at != username.lastIndexOf('@') || at == username.length() - 1) {
            throw new IllegalArgumentException("a username is user@domain with exactly one '@'");
        }
        return username.substring(0, at + 1) + username.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** The identity record of a username, with its derived id, as the mapping step expects it. */
    public static Identity identityOf(String username) {
        String canonical = canonicalUsername(username);
        return Identity.of(identityId(canonical).toString(), canonical).with("status", "used");
    }
}
