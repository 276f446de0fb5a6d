package org.conduit.identity.posix;

import java.util.Optional;
import org.conduit.identity.IdentityMappingException;

/** Resolves a mapped username to the local account it names, so that only real, non-root accounts are used. */
public interface AccountLookup {

    /**
     * @return the account, or empty when no such user exists
     * @throws IdentityMappingException {@code ACCOUNT_LOOKUP_FAILED} when the account database cannot be queried
     */
    Optional<PosixAccount> lookup(String username) throws IdentityMappingException;
}
