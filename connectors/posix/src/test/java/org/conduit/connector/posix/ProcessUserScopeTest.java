package org.conduit.connector.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.conduit.storage.spi.LocalAccount.PosixIds;
import org.conduit.storage.spi.StorageException;
import org.junit.jupiter.api.Test;

/** A node that is not root serves only its own process user: never another account with the node's rights. */
class ProcessUserScopeTest {
    private final ProcessUserScope scope = new ProcessUserScope();
    private final int self = LinuxCredentials.geteuid();

    @Test
    void theProcessUserItselfMayAct() throws Exception {
        assertThat(scope.call(new PosixIds(self, self, new int[0], "/"), () -> "done")).isEqualTo("done");
    }

    @Test
    void anyOtherAccountIsRefusedWithAHint() {
        assertThatThrownBy(() -> scope.call(new PosixIds(self + 4242, self + 4242, new int[0], "/"), () -> "done"))
            .isInstanceOf(StorageException.PermissionDenied.class)
            .hasMessageContaining("map identities to");
    }
}
