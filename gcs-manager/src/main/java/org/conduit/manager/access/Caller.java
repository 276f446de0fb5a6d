package org.conduit.manager.access;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is asking, as authentication established it. Every linked identity and every group counts: GCS applies
 * roles and permissions of all of an account's linked identities.
 *
 * @param identityIds   the caller's identity ids, linked identities included (lower-cased); empty when anonymous
 * @param groupIds      the groups the caller is a member of (lower-cased); empty when anonymous
 * @param authenticated false for anonymous callers (HTTPS without a token, public guest collections)
 * @param authTime      when the caller last authenticated ({@code auth_time}); empty when unknown or anonymous
 */
public record Caller(Set<String> identityIds, Set<String> groupIds, boolean authenticated, Optional<Instant> authTime) {

    public Caller {
        identityIds = lowerCased(identityIds);
        groupIds = lowerCased(groupIds);
        Objects.requireNonNull(authTime, "authTime");
        if (!authenticated && (!identityIds.isEmpty() || !groupIds.isEmpty() || authTime.isPresent())) {
            throw new IllegalArgumentException("an anonymous caller has no identities, groups or auth_time");
        }
        if (authenticated && identityIds.isEmpty()) {
            throw new IllegalArgumentException("an authenticated caller has at least one identity");
        }
    }

    public static Caller anonymous() {
        return new Caller(Set.of(), Set.of(), false, Optional.empty());
    }

    public static Caller authenticated(Set<String> identityIds, Set<String> groupIds, Instant authTime) {
        return new Caller(identityIds, groupIds, true, Optional.of(authTime));
    }

    private static Set<String> lowerCased(Set<String> ids) {
        return ids.stream().map(id -> id.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
