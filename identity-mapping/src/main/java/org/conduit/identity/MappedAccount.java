package org.conduit.identity;

import java.util.Objects;
import java.util.Optional;
import org.conduit.identity.posix.PosixAccount;

/**
 * The outcome of mapping one identity on one storage gateway.
 *
 * @param username     the connector-specific account name
 * @param posixAccount the verified local account, present when the gateway verifies accounts
 */
public record MappedAccount(String identityId, String username, Optional<PosixAccount> posixAccount) {

    public MappedAccount {
        Objects.requireNonNull(identityId, "identityId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(posixAccount, "posixAccount");
    }
}
