package org.conduit.manager.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Identities, callers and collection views shared by the authorizer tests. */
final class TestCollections {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final String OWNER = "0a0a0a0a-0000-0000-0000-000000000000";
    static final String ADMIN = "0b0b0b0b-0000-0000-0000-000000000000";
    static final String ALICE = "11111111-1111-1111-1111-111111111111";
    static final String BOB = "33333333-3333-3333-3333-333333333333";

    private TestCollections() {
    }

    static String identity(String id) {
        return RoleAssignment.IDENTITY_URN + id;
    }

    /** An authenticated caller who logged in a minute ago. */
    static Caller caller(String identityId) {
        return Caller.authenticated(Set.of(identityId), Set.of(), NOW.minus(Duration.ofMinutes(1)));
    }

    static Caller loggedInAgo(String identityId, Duration age) {
        return Caller.authenticated(Set.of(identityId), Set.of(), NOW.minus(age));
    }

    static CollectionView.Gateway gateway(PathRestrictions restrictPaths, boolean highAssurance) {
        return new CollectionView.Gateway(Optional.ofNullable(restrictPaths), highAssurance,
                CollectionView.DEFAULT_AUTHENTICATION_TIMEOUT_MINS);
    }

    static CollectionView.Mapped mapped(String basePath, PathRestrictions sharingRestrictPaths) {
        return new CollectionView.Mapped(basePath, Optional.ofNullable(sharingRestrictPaths), true, List.of(), List.of(),
                false);
    }

    static CollectionView mappedCollection(String id, List<RoleAssignment> roles) {
        return CollectionView.mapped(id, OWNER, false, gateway(null, false), mapped("/", null), roles);
    }

    static CollectionView guestCollection(CollectionView.Gateway gateway, CollectionView.Mapped parent, String basePath,
            MappedUser owner, List<AclRule> rules, List<RoleAssignment> roles) {
        return CollectionView.guest("9e9e9e9e-0000-0000-0000-000000000000", OWNER, false, gateway, parent,
                new CollectionView.Guest(basePath, owner, new GuestAcl(rules)), roles);
    }

    static AclRule share(String identityId, String path, String permissions) {
        return AclRule.of("acl-" + identityId + path, AclRule.PrincipalType.IDENTITY, identityId, path,
                Access.fromAclCode(permissions), null);
    }

    static AclRule shareAnonymously(String path, String permissions) {
        return AclRule.of("acl-anon" + path, AclRule.PrincipalType.ANONYMOUS, "", path, Access.fromAclCode(permissions),
                null);
    }
}
