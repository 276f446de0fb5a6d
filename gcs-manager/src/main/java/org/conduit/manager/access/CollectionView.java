package org.conduit.manager.access;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What access decisions need to know about one collection, gathered by the caller from the endpoint's
 * records. A guest collection carries its mapped collection's sharing settings in {@link #mapped()} and its
 * storage gateway's policy in {@link #gateway()}.
 *
 * @param ownerIdentityId  the collection's {@code identity_id}; GCS makes it an administrator of the collection
 * @param publicCollection the collection's {@code public}: any authenticated caller may see the document
 * @param roles            role assignments on the endpoint and on this collection (others are ignored)
 */
public record CollectionView(
        String id,
        String ownerIdentityId,
        boolean publicCollection,
        Gateway gateway,
        Mapped mapped,
        Optional<Guest> guest,
        List<RoleAssignment> roles) {

    /** GCS default {@code authentication_timeout_mins}: 11 days. */
    public static final int DEFAULT_AUTHENTICATION_TIMEOUT_MINS = 11 * 24 * 60;

    public CollectionView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownerIdentityId, "ownerIdentityId");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(mapped, "mapped");
        Objects.requireNonNull(guest, "guest");
        roles = List.copyOf(roles);
    }

    public static CollectionView mapped(String id, String ownerIdentityId, boolean publicCollection, Gateway gateway,
            Mapped mapped, List<RoleAssignment> roles) {
        return new CollectionView(id, ownerIdentityId, publicCollection, gateway, mapped, Optional.empty(), roles);
    }

    public static CollectionView guest(String id, String ownerIdentityId, boolean publicCollection, Gateway gateway,
            Mapped parent, Guest guest, List<RoleAssignment> roles) {
        return new CollectionView(id, ownerIdentityId, publicCollection, gateway, parent, Optional.of(guest), roles);
    }

    public boolean isGuest() {
        return guest.isPresent();
    }

    /**
     * Where the collection's root is on storage, for a session acting as {@code account} on a mapped collection
     * (its {@code ~} resolved); a guest collection always acts as its owner, inside the mapped root.
     */
    public String storageRoot(MappedUser account) {
        return guest.map(g -> CollectionPaths.join(mapped.rootFor(g.owner()), g.collectionBasePath()))
                .orElseGet(() -> mapped.rootFor(account));
    }

    /**
     * Anonymous writes are off when the mapped collection says so, and always on high-assurance gateways.
     */
    public boolean anonymousWritesDisabled() {
        return mapped.disableAnonymousWrites() || gateway.highAssurance();
    }

    /**
     * The storage gateway's policy.
     *
     * @param restrictPaths             {@code restrict_paths}, absolute in the connector namespace; empty means none
     * @param authenticationTimeoutMins how recent a login must be for mapped access, and for any access when high assurance
     */
    public record Gateway(Optional<PathRestrictions> restrictPaths, boolean highAssurance, int authenticationTimeoutMins) {
        public Gateway {
            Objects.requireNonNull(restrictPaths, "restrictPaths");
            if (authenticationTimeoutMins <= 0) {
                throw new IllegalArgumentException("authentication_timeout_mins must be positive");
            }
        }
    }

    /**
     * A mapped collection's own settings (for a guest collection: its mapped collection's).
     *
     * @param collectionBasePath   absolute path on the gateway's storage; {@code ~} or {@code ~/...} is the user's home
     * @param sharingRestrictPaths {@code sharing_restrict_paths}, relative to the collection root; empty means none
     * @param sharingUsersAllow    local usernames allowed to share; empty allows all (unless denied)
     * @param sharingUsersDeny     local usernames never allowed to share
     */
    public record Mapped(
            String collectionBasePath,
            Optional<PathRestrictions> sharingRestrictPaths,
            boolean allowGuestCollections,
            List<String> sharingUsersAllow,
            List<String> sharingUsersDeny,
            boolean disableAnonymousWrites) {

        public Mapped {
            Objects.requireNonNull(collectionBasePath, "collectionBasePath");
            if (!isHomeRelative(collectionBasePath)) {
                collectionBasePath = CollectionPaths.normaliseAbsolute(collectionBasePath);
            }
            Objects.requireNonNull(sharingRestrictPaths, "sharingRestrictPaths");
            sharingUsersAllow = List.copyOf(sharingUsersAllow);
            sharingUsersDeny = List.copyOf(sharingUsersDeny);
        }

        private static boolean isHomeRelative(String path) {
            return path.equals("~") || path.startsWith("~/");
        }

        /** The collection root on storage for {@code user}: the base path with {@code ~} resolved. */
        public String rootFor(MappedUser user) {
            if (!isHomeRelative(collectionBasePath)) {
                return collectionBasePath;
            }
            return CollectionPaths.normaliseAbsolute(user.home() + "/" + collectionBasePath.substring(1));
        }

        /** {@code sharing_users_allow} / {@code sharing_users_deny}: a denied name never shares. */
        public boolean mayShare(String username) {
            return !sharingUsersDeny.contains(username)
                    && (sharingUsersAllow.isEmpty() || sharingUsersAllow.contains(username));
        }
    }

    /**
     * A guest collection's own settings.
     *
     * @param collectionBasePath relative to the mapped collection's root (written with or without a leading {@code /})
     * @param owner              the creator's account on the gateway: data is accessed as this account
     */
    public record Guest(String collectionBasePath, MappedUser owner, GuestAcl acl) {
        public Guest {
            collectionBasePath = CollectionPaths.normaliseAbsolute(Objects.requireNonNull(collectionBasePath,
                    "collectionBasePath"));
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(acl, "acl");
        }
    }
}
