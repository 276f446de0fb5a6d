package org.conduit.manager.access;

import java.util.Objects;
import java.util.Optional;

/**
 * One question for {@link CollectionAuthorizer}: may {@code caller} do {@code operation} at {@code path} of
 * {@code collection}?
 *
 * @param account the caller's mapped account on the collection's storage gateway, from the Map step: required
 *                for authenticated callers' data operations on mapped collections and for creating guest
 *                collections; unused otherwise (guest collections act as their owner's account)
 * @param path    collection-relative, normalised ({@code /}, {@code /a/b}); for {@link Operation#CREATE_GUEST_COLLECTION}
 *                the proposed guest base path; empty for other administrative operations
 */
public record AccessRequest(Caller caller, Optional<MappedUser> account, CollectionView collection, Operation operation,
        Optional<String> path) {

    public AccessRequest {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(path, "path");
        if (operation.needsPath() != path.isPresent()) {
            throw new IllegalArgumentException(operation + (operation.needsPath() ? " needs" : " takes no") + " path");
        }
        path.ifPresent(CollectionPaths::requireNormalised);
        boolean needsAccount = caller.authenticated() && !collection.isGuest()
                && (operation.isData() || operation == Operation.CREATE_GUEST_COLLECTION);
        if (needsAccount && account.isEmpty()) {
            throw new IllegalArgumentException(operation + " on a mapped collection needs the caller's mapped account");
        }
        if (!caller.authenticated() && account.isPresent()) {
            throw new IllegalArgumentException("an anonymous caller has no mapped account");
        }
    }

    /** A data operation on a guest collection, or by an anonymous caller. */
    public static AccessRequest data(Caller caller, CollectionView collection, Operation operation, String path) {
        return new AccessRequest(caller, Optional.empty(), collection, operation, Optional.of(path));
    }

    /** A data operation (or guest collection creation) on a mapped collection, as {@code account}. */
    public static AccessRequest mappedData(Caller caller, MappedUser account, CollectionView collection,
            Operation operation, String path) {
        return new AccessRequest(caller, Optional.of(account), collection, operation, Optional.of(path));
    }

    /** An administrative operation on the collection. */
    public static AccessRequest administrative(Caller caller, CollectionView collection, Operation operation) {
        return new AccessRequest(caller, Optional.empty(), collection, operation, Optional.empty());
    }
}
