package org.conduit.connector.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.conduit.storage.spi.LocalAccount;
import org.conduit.storage.spi.LocalAccount.PosixIds;
import org.conduit.storage.spi.StorageConnector;
import org.conduit.storage.spi.StorageException;
import org.conduit.storage.spi.StoragePath;
import org.conduit.storage.spi.StorageSession;

/**
 * A POSIX storage gateway: a root directory, the {@code posix_storage_policies} group rules, and how the node
 * acts as mapped users ({@link AccountScope}).
 */
final class PosixConnector implements StorageConnector {
    private final Path gatewayRoot;
    private final AccountScope scope;
    /** Group name -> gid, resolved once when the gateway is created. */
    private final Map<String, Integer> groupsAllow;
    private final Map<String, Integer> groupsDeny;
    private final Lustre lustre;

    PosixConnector(Path gatewayRoot, AccountScope scope, Map<String, Integer> groupsAllow,
                   Map<String, Integer> groupsDeny, Lustre lustre) {
        this.gatewayRoot = gatewayRoot;
        this.scope = scope;
        this.groupsAllow = Map.copyOf(groupsAllow);
        this.groupsDeny = Map.copyOf(groupsDeny);
        this.lustre = lustre;
    }

    @Override
    public StorageSession open(LocalAccount account, String basePath) {
        PosixIds ids = account.posix().orElseThrow(() -> new StorageException.PermissionDenied(
            "account '" + account.username() + "' has no POSIX uid/gid; map identities to local users for this gateway"));
        checkGroups(account.username(), ids);
        StoragePath base = StoragePath.parse(basePath);
        Path wanted = base.isRoot() ? gatewayRoot : gatewayRoot.resolve(base.relative());
        try {
            Path real = scope.call(ids, () -> {
                Path r = wanted.toRealPath();
                if (!Files.isDirectory(r)) {
                    throw new NotDirectoryException(basePath);
                }
                return r;
            });
            if (!real.startsWith(gatewayRoot)) {
                throw new StorageException.PermissionDenied("collection base path " + basePath
                    + " leads outside the storage gateway root");
            }
            return new PosixSession(real, ids, scope, lustre);
        } catch (IOException e) {
            throw PosixErrors.translate(base, e);
        }
    }

    /** GCS semantics: member of at least one allowed group (when any are listed) and of no denied group. */
    private void checkGroups(String username, PosixIds ids) {
        for (Map.Entry<String, Integer> denied : groupsDeny.entrySet()) {
            if (isMember(ids, denied.getValue())) {
                throw new StorageException.PermissionDenied("user '" + username + "' is in group '" + denied.getKey()
                    + "', which this storage gateway denies (groups_deny)");
            }
        }
        if (!groupsAllow.isEmpty() && groupsAllow.values().stream().noneMatch(gid -> isMember(ids, gid))) {
            throw new StorageException.PermissionDenied("user '" + username + "' is in none of the groups this storage"
                + " gateway allows (groups_allow: " + String.join(", ", groupsAllow.keySet()) + ")");
        }
    }

    private static boolean isMember(PosixIds ids, int gid) {
        return ids.gid() == gid || Arrays.binarySearch(ids.groups(), gid) >= 0;
    }

    @Override
    public String describe() {
        String groups = groupsAllow.isEmpty() && groupsDeny.isEmpty() ? ""
            : "; groups_allow=" + groupsAllow.keySet().stream().sorted().collect(Collectors.toList())
                + " groups_deny=" + groupsDeny.keySet().stream().sorted().collect(Collectors.toList());
        return "POSIX storage at " + gatewayRoot + ", " + scope.describe() + groups
            + (lustre.active() ? "; Lustre striping for new files" : "");
    }

    @Override
    public void close() {
        // sessions hold nothing between calls
    }
}
