package org.conduit.manager.core;

import org.conduit.manager.access.AccessRequest;
import org.conduit.manager.access.CollectionAuthorizer;
import org.conduit.manager.access.CollectionView;
import org.conduit.manager.access.Decision;
import org.conduit.manager.access.MappedUser;
import org.conduit.manager.access.Operation;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.db.DocumentStore;
import org.conduit.manager.web.Caller;
import org.conduit.storage.spi.LocalAccount;
import org.conduit.storage.spi.StoragePath;
import org.conduit.storage.spi.StorageSession;

/**
 * THE way to data: map -> authorize -> open, after authentication. The REST file operations, the HTTPS
 * mover, GridFTP and the transfer workers all open collections here and nowhere else.
 *
 * <p>Mapped collection: the caller's identity is mapped on the gateway and the session acts as that account.
 * Guest collection: the session acts as the collection creator's account, and the caller's rights come from
 * the ACL and roles.
 */
public final class CollectionAccess {
    private final CollectionService collections;
    private final StorageGatewayService gateways;
    private final CollectionViews views;
    private final CollectionAuthorizer authorizer;

    CollectionAccess(CollectionService collections, StorageGatewayService gateways, CollectionViews views,
                     CollectionAuthorizer authorizer) {
        this.collections = collections;
        this.gateways = gateways;
        this.views = views;
        this.authorizer = authorizer;
    }

    /**
     * An open session, the decision for the requested path, and the question "may they also do this there?"
     * for other paths (a listing of a traverse-only folder shows only what the caller may stat).
     */
    public record Opened(StorageSession session, Decision.Permit permit,
                         java.util.function.BiPredicate<Operation, StoragePath> allows)
            implements AutoCloseable {
        @Override
        public void close() {
            session.close();
        }
    }

    /**
     * Opens {@code collectionId} for {@code operation} at {@code path} (collection-relative), or throws the
     * API error saying why not. {@code caller} null means anonymous.
     */
    public Opened open(Caller caller, String collectionId, Operation operation, StoragePath path) {
        DocumentStore.Stored stored = collections.stored(collectionId);
        CollectionView view = views.of(stored);
        Gateways.Gateway gateway = gateways.live(stored.body().path("storage_gateway_id").asText());
        org.conduit.manager.access.Caller who = caller == null ? org.conduit.manager.access.Caller.anonymous()
            : caller.forAccess();
        LocalAccount account;
        String root;
        java.util.function.BiFunction<Operation, StoragePath, AccessRequest> question;
        if (view.isGuest()) {
            MappedUser owner = view.guest().orElseThrow().owner();
            account = gateways.gateways().accountOf(gateway, stored.ownerId(), owner.username());
            root = view.storageRoot(owner);
            question = (op, p) -> AccessRequest.data(who, view, op, p.toString());
        } else {
            if (caller == null) {
                throw ApiErrors.unauthorized("this collection needs a bearer token");
            }
            account = gateways.gateways().map(gateway, caller.identity());
            MappedUser user = mappedUser(account);
            root = view.storageRoot(user);
            question = (op, p) -> AccessRequest.mappedData(who, user, view, op, p.toString());
        }
        Decision decision = authorizer.authorize(question.apply(operation, path));
        if (decision instanceof Decision.Deny deny) {
            throw ApiErrors.denied(deny);
        }
        return new Opened(gateway.connector().open(account, root), (Decision.Permit) decision,
            (op, p) -> authorizer.authorize(question.apply(op, p)) instanceof Decision.Permit);
    }

    /**
     * The collection's HTTPS policy: {@code enable_https} (404 when off, as if absent) and {@code https_methods}
     * (GET covers HEAD and listings; PUT covers uploads and MKCOL).
     */
    public void requireHttps(String collectionId, String method) {
        var doc = collections.stored(collectionId).body();
        if (!doc.path("enable_https").asBoolean(true)) {
            throw ApiErrors.notFound("collection", collectionId);
        }
        String needed = switch (method) {
            case "GET", "HEAD", "OPTIONS" -> "GET";
            case "PUT", "MKCOL", "POST", "PATCH" -> "PUT";
            default -> method;
        };
        var allowed = doc.path("https_methods");
        boolean ok = allowed.isMissingNode() || allowed.isNull();
        for (var m : allowed) {
            ok |= m.asText().equals(needed);
        }
        if (!ok) {
            throw new org.conduit.manager.api.ApiException(405, "MethodNotAllowed", "this collection's https_methods do"
                + " not include " + needed + "; its administrator can change that", null);
        }
    }

    static MappedUser mappedUser(LocalAccount account) {
        return MappedUser.of(account.username(), account.posix().map(LocalAccount.PosixIds::home).orElse("/"));
    }
}
