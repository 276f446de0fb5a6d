package org.conduit.manager.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * THE access decision of the endpoint (step 3, Authorize): REST, the HTTPS mover, GridFTP and transfer
 * workers all ask here, after authentication and identity mapping, before opening a storage session.
 * Pure: it reads only its arguments and the clock.
 *
 * <p>Mapped collection: an authenticated, mapped caller gets what the gateway's {@code restrict_paths} give
 * their account at {@code base path + path} ({@code read_write} when there are none); the kernel then applies
 * file permissions as that account. Guest collection: the caller gets the union of the ACL rules naming them
 * ({@code rw} everywhere for the owner, administrators and access managers), capped by the mapped collection's
 * {@code sharing_restrict_paths} at {@code guest base + path} and by the gateway's {@code restrict_paths} at
 * {@code mapped root + guest base + path}, both evaluated for the guest collection owner's account.
 *
 * <p>Logins older than {@code authentication_timeout_mins} are refused for mapped-collection access and, on
 * high-assurance gateways, for any data access; high-assurance guest collections also refuse anonymous callers.
 * A guest collection is unusable while its mapped collection disallows guest collections or its owner is no
 * longer allowed to share there.
 */
public final class CollectionAuthorizer {

    private final Clock clock;

    public CollectionAuthorizer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Decision authorize(AccessRequest request) {
        Operation operation = request.operation();
        if (operation.isData()) {
            return request.collection().isGuest() ? guestData(request) : mappedData(request);
        }
        if (operation == Operation.CREATE_GUEST_COLLECTION) {
            return createGuestCollection(request);
        }
        return administrative(request);
    }

    /**
     * The roles the caller holds on the collection: endpoint-wide assignments, assignments on this collection,
     * and administrator for the collection's owner identity.
     */
    public Set<Role> effectiveRoles(Caller caller, CollectionView collection) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (caller.identityIds().contains(collection.ownerIdentityId().toLowerCase(Locale.ROOT))) {
            roles.add(Role.ADMINISTRATOR);
        }
        for (RoleAssignment assignment : collection.roles()) {
            if (assignment.appliesToCollection(collection.id()) && assignment.heldBy(caller)) {
                roles.add(assignment.role());
            }
        }
        return roles;
    }

    /**
     * May the caller create or delete {@code target}, a role on {@code collection}? Only holders of
     * {@link Capability#MANAGE_ROLES} there (owner, administrator, by endpoint or collection assignment) may,
     * and nobody assigns {@code owner}: in GCS ownership changes with {@code set-owner}, never through roles,
     * so an administrator cannot make anyone (themselves included) owner.
     */
    public Decision authorizeRoleChange(Caller caller, CollectionView collection, RoleAssignment target) {
        if (!target.collectionId().equals(Optional.of(collection.id()))) {
            throw new IllegalArgumentException("role " + target.id() + " is not on collection " + collection.id());
        }
        return roleChange(caller, effectiveRoles(caller, collection), target, "this collection or its endpoint");
    }

    /**
     * May the caller create or delete {@code target}, an endpoint-wide role? Only endpoint-wide owners and
     * administrators may: a collection administrator cannot widen anyone's reach to the whole endpoint.
     */
    public Decision authorizeEndpointRoleChange(Caller caller, List<RoleAssignment> endpointRoles, RoleAssignment target) {
        if (!target.isEndpointRole()) {
            throw new IllegalArgumentException("role " + target.id() + " is not an endpoint role");
        }
        Set<Role> held = EnumSet.noneOf(Role.class);
        for (RoleAssignment assignment : endpointRoles) {
            if (assignment.isEndpointRole() && assignment.heldBy(caller)) {
                held.add(assignment.role());
            }
        }
        return roleChange(caller, held, target, "the endpoint");
    }

    private static Decision roleChange(Caller caller, Set<Role> held, RoleAssignment target, String scope) {
        if (!caller.authenticated()) {
            return loginRequired("Log in to manage roles.");
        }
        if (target.role() == Role.OWNER) {
            return Decision.deny(Decision.Denial.PERMISSION_DENIED, "The owner role is not assigned or removed through"
                    + " roles; the current owner changes it with set-owner.");
        }
        if (held.stream().noneMatch(role -> role.can(Capability.MANAGE_ROLES))) {
            return Decision.deny(Decision.Denial.MISSING_REQUIRED_ROLE, "Assigning or removing roles needs the owner or"
                    + " administrator role on " + scope + "; ask an administrator to do it.");
        }
        return Decision.permitAdministrative();
    }

    private Decision mappedData(AccessRequest request) {
        Caller caller = request.caller();
        CollectionView collection = request.collection();
        String path = request.path().orElseThrow();
        if (!caller.authenticated()) {
            return loginRequired("This is a mapped collection: log in with an identity from its storage gateway's"
                    + " allowed domains.");
        }
        Optional<Decision> stale = staleLogin(caller, collection.gateway());
        if (stale.isPresent()) {
            return stale.get();
        }
        MappedUser account = request.account().orElseThrow();
        String onStorage = CollectionPaths.join(collection.mapped().rootFor(account), path);
        Access access = restricted(collection.gateway().restrictPaths(), onStorage, account);
        Access required = request.operation().requiredAccess().orElseThrow();
        if (!access.atLeast(required)) {
            return denied("The storage gateway's path restrictions (restrict_paths) do not let your account '"
                    + account.username() + "' " + verb(request.operation()) + " " + path + "; ask the endpoint"
                    + " administrator if you need this access.");
        }
        return Decision.permitData(access);
    }

    private Decision guestData(AccessRequest request) {
        Caller caller = request.caller();
        CollectionView collection = request.collection();
        CollectionView.Guest guest = collection.guest().orElseThrow();
        CollectionView.Mapped mapped = collection.mapped();
        String path = request.path().orElseThrow();
        Operation operation = request.operation();
        if (!mapped.allowGuestCollections()) {
            return denied("The mapped collection behind this guest collection no longer allows guest collections;"
                    + " its administrator must re-enable them before this data is reachable again.");
        }
        if (!mapped.mayShare(guest.owner().username())) {
            return denied("The owner of this guest collection is no longer allowed to share from its mapped"
                    + " collection (sharing_users_allow / sharing_users_deny); ask the mapped collection's administrator.");
        }
        if (collection.gateway().highAssurance()) {
            if (!caller.authenticated()) {
                return loginRequired("This guest collection holds high-assurance data: log in to access it.");
            }
            Optional<Decision> stale = staleLogin(caller, collection.gateway());
            if (stale.isPresent()) {
                return stale.get();
            }
        }
        Access required = operation.requiredAccess().orElseThrow();
        Access shared = effectiveRoles(caller, collection).stream().anyMatch(r -> r.can(Capability.GUEST_READ_WRITE))
                ? Access.READ_WRITE
                : guest.acl().accessFor(caller, path, collection.anonymousWritesDisabled(), clock.instant());
        if (!shared.atLeast(required)) {
            if (!caller.authenticated()) {
                return loginRequired("Anonymous users may not " + verb(operation) + " " + path
                        + " on this guest collection: log in, then ask its owner to share it with you if needed.");
            }
            return denied("You have no permission to " + verb(operation) + " " + path + " on this guest collection;"
                    + " ask its owner or an access manager to share it with you"
                    + (required == Access.READ_WRITE ? " with read-write (rw) access." : "."));
        }
        String relativeToMapped = CollectionPaths.join(guest.collectionBasePath(), path);
        Access sharable = restricted(mapped.sharingRestrictPaths(), relativeToMapped, guest.owner());
        if (!sharable.atLeast(required)) {
            return denied("The mapped collection's sharing restrictions (sharing_restrict_paths) do not allow guest"
                    + " collections to " + verb(operation) + " " + path + "; ask the mapped collection's administrator.");
        }
        String onStorage = CollectionPaths.join(collection.storageRoot(guest.owner()), path);
        Access storage = restricted(collection.gateway().restrictPaths(), onStorage, guest.owner());
        if (!storage.atLeast(required)) {
            return denied("The storage gateway's path restrictions (restrict_paths) do not let this guest collection's"
                    + " owner " + verb(operation) + " " + path + "; ask the endpoint administrator.");
        }
        return Decision.permitData(Access.min(shared, Access.min(sharable, storage)));
    }

    private Decision createGuestCollection(AccessRequest request) {
        Caller caller = request.caller();
        CollectionView collection = request.collection();
        CollectionView.Mapped mapped = collection.mapped();
        String path = request.path().orElseThrow();
        if (collection.isGuest()) {
            return denied("Guest collections are created on mapped collections, not on guest collections.");
        }
        if (!caller.authenticated()) {
            return loginRequired("Log in to create a guest collection.");
        }
        if (!mapped.allowGuestCollections()) {
            return denied("This mapped collection does not allow guest collections (allow_guest_collections is"
                    + " false); ask its administrator.");
        }
        MappedUser account = request.account().orElseThrow();
        if (!mapped.mayShare(account.username())) {
            return denied("Your account '" + account.username() + "' may not create guest collections here"
                    + " (sharing_users_allow / sharing_users_deny); ask the mapped collection's administrator.");
        }
        Optional<Decision> stale = staleLogin(caller, collection.gateway());
        if (stale.isPresent()) {
            return stale.get();
        }
        Access sharable = restricted(mapped.sharingRestrictPaths(), path, account);
        if (!sharable.atLeast(Access.READ)) {
            return denied("The sharing restrictions (sharing_restrict_paths) of this mapped collection do not allow"
                    + " sharing " + path + "; choose a path they allow or ask its administrator.");
        }
        String onStorage = CollectionPaths.join(mapped.rootFor(account), path);
        Access storage = restricted(collection.gateway().restrictPaths(), onStorage, account);
        if (!storage.atLeast(Access.READ)) {
            return denied("The storage gateway's path restrictions (restrict_paths) do not let your account '"
                    + account.username() + "' read " + path + ", so you cannot share it.");
        }
        return Decision.permitData(Access.min(sharable, storage));
    }

    private Decision administrative(AccessRequest request) {
        Caller caller = request.caller();
        CollectionView collection = request.collection();
        Operation operation = request.operation();
        Capability capability = operation.capability().orElseThrow();
        if (!caller.authenticated()) {
            return loginRequired("Log in: collection settings, roles, permissions and tasks need an identity.");
        }
        if ((capability == Capability.VIEW_ACLS || capability == Capability.MANAGE_ACLS) && !collection.isGuest()) {
            return denied("Permissions (ACLs) exist only on guest collections; access to a mapped collection follows"
                    + " the storage gateway's identity mapping and path restrictions.");
        }
        if (operation == Operation.VIEW_COLLECTION && (collection.publicCollection() || collection.guest()
                .map(guest -> guest.acl().hasRuleFor(caller, clock.instant())).orElse(false))) {
            return Decision.permitAdministrative();
        }
        if (effectiveRoles(caller, collection).stream().anyMatch(role -> role.can(capability))) {
            return Decision.permitAdministrative();
        }
        List<String> enough = new ArrayList<>();
        for (Role role : Role.values()) {
            if (role != Role.OWNER && role.can(capability)) {
                enough.add(role.code());
            }
        }
        return Decision.deny(Decision.Denial.MISSING_REQUIRED_ROLE, operation.name().toLowerCase(Locale.ROOT)
                + " needs one of these roles on this collection or its endpoint: " + String.join(", ", enough)
                + "; ask an administrator to assign one.");
    }

    private Optional<Decision> staleLogin(Caller caller, CollectionView.Gateway gateway) {
        Instant now = clock.instant();
        Duration timeout = Duration.ofMinutes(gateway.authenticationTimeoutMins());
        boolean fresh = caller.authTime().map(time -> !time.plus(timeout).isBefore(now)).orElse(false);
        if (fresh) {
            return Optional.empty();
        }
        return Optional.of(Decision.deny(Decision.Denial.AUTHENTICATION_TIMEOUT, "Your login is older than the "
                + gateway.authenticationTimeoutMins() + "-minute authentication timeout of this storage gateway"
                + (gateway.highAssurance() ? " (high assurance)" : "") + ": log in again, then retry."));
    }

    private static Access restricted(Optional<PathRestrictions> restrictions, String path, MappedUser user) {
        return restrictions.map(r -> r.accessAt(path, user)).orElse(Access.READ_WRITE);
    }

    private static String verb(Operation operation) {
        return switch (operation) {
            case LIST -> "list";
            case STAT -> "see";
            case READ -> "read";
            case WRITE -> "change";
            default -> throw new IllegalStateException(operation + " is not a data operation");
        };
    }

    private static Decision denied(String message) {
        return Decision.deny(Decision.Denial.PERMISSION_DENIED, message);
    }

    private static Decision loginRequired(String message) {
        return Decision.deny(Decision.Denial.AUTHENTICATION_REQUIRED, message);
    }
}
