package org.conduit.identity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.conduit.identity.IdentityMappingException.Reason;
import org.conduit.identity.posix.AccountLookup;
import org.conduit.identity.posix.PosixAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps identities to local accounts for one storage gateway, with GCS semantics, in this order: the
 * identity's username must be in one of {@code allowed_domains}; then the {@code identity_mappings}
 * documents are tried in order and the first username wins (without documents, the default mapping
 * applies to the single allowed domain: strip {@code @domain}, or keep it for connectors that need the
 * full name); then {@code users_deny} (which wins) and {@code users_allow} (when not empty) are checked
 * against the mapped username; finally, when the gateway verifies accounts, the account must exist and
 * must not be root. Immutable and thread-safe.
 */
public final class GatewayIdentityMapper {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayIdentityMapper.class);

    /** Failures that only rule out one candidate account in "map all" mode. */
    private static final Set<Reason> CANDIDATE_REJECTIONS = EnumSet.of(Reason.USER_DENIED, Reason.USER_NOT_ALLOWED,
            Reason.INVALID_USERNAME, Reason.NO_SUCH_ACCOUNT, Reason.ROOT_ACCOUNT_REFUSED);

    private final GatewayMappingConfig config;
    private final Set<String> allowedDomains;
    private final List<IdentityMapping> mappings;

    private GatewayIdentityMapper(GatewayMappingConfig config, Set<String> allowedDomains, List<IdentityMapping> mappings) {
        this.config = config;
        this.allowedDomains = allowedDomains;
        this.mappings = mappings;
    }

    /**
     * Validates the settings and compiles every mapping document.
     *
     * @throws IdentityMappingException {@code INVALID_CONFIGURATION} or {@code INVALID_MAPPING_DOCUMENT}
     */
    public static GatewayIdentityMapper create(GatewayMappingConfig config) throws IdentityMappingException {
        String gateway = config.storageGatewayId();
        Set<String> domains = new LinkedHashSet<>();
        for (String domain : config.allowedDomains()) {
            if (domain == null || domain.isBlank()) {
                throw new IdentityMappingException(Reason.INVALID_CONFIGURATION,
                        "storage gateway " + gateway + " has an empty entry in allowed_domains; remove it");
            }
            domains.add(domain.strip().toLowerCase(Locale.ROOT));
        }
        if (domains.isEmpty()) {
            throw new IdentityMappingException(Reason.INVALID_CONFIGURATION, "storage gateway " + gateway
                    + " has no allowed_domains, so no identity could ever use it; add the domain of your users,"
                    + " e.g. example.org");
        }
        if (domains.size() > 1 && config.identityMappings().isEmpty()) {
            throw new IdentityMappingException(Reason.INVALID_CONFIGURATION, "storage gateway " + gateway + " allows "
                    + domains.size() + " domains " + domains + " but has no identity_mappings: a custom identity"
                    + " mapping is required when more than one domain is allowed; add an"
                    + " expression_identity_mapping#1.0.0 or external_identity_mapping#1.0.0 document");
        }
        MappingContext context = MappingContext.of(config.connectorId(), gateway)
                .withExternalProgramTimeout(config.externalProgramTimeout());
        List<IdentityMapping> mappings = new ArrayList<>();
        List<JsonNode> documents = config.identityMappings();
        for (int i = 0; i < documents.size(); i++) {
            try {
                mappings.add(IdentityMapping.fromDocument(documents.get(i), context));
            } catch (IdentityMappingException e) {
                throw new IdentityMappingException(e.reason(),
                        "storage gateway " + gateway + " identity_mappings[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new GatewayIdentityMapper(config, Set.copyOf(domains), List.copyOf(mappings));
    }

    public GatewayMappingConfig config() {
        return config;
    }

    /** Maps one identity to the account it may use on this gateway, or says precisely why it may not. */
    public MappedAccount map(Identity identity) throws IdentityMappingException {
        if (!inAllowedDomain(identity)) {
            throw new IdentityMappingException(Reason.NOT_FROM_ALLOWED_DOMAIN, "identity " + identity.username()
                    + " is not from a domain allowed on storage gateway " + config.storageGatewayId()
                    + " (allowed: " + String.join(", ", config.allowedDomains()) + "); log in with an identity"
                    + " from an allowed domain, or add its domain to the gateway's allowed_domains");
        }
        String username = mappedUsername(identity).orElseThrow(() -> new IdentityMappingException(Reason.NO_MAPPING,
                "no identity mapping of storage gateway " + config.storageGatewayId() + " matched identity "
                        + identity.username() + " (" + identity.id() + "); add a mapping that covers it"));
        MappedAccount account = admit(identity, username);
        LOG.debug("identity {} maps to {} on storage gateway {}", identity.id(), username, config.storageGatewayId());
        return account;
    }

    /**
     * Every account the identities (typically one person's linked identity set) may use on this gateway:
     * identities outside the allowed domains are ignored, mappings run in "map all" mode, and candidates
     * that are denied, not allowed, missing or root are left out.
     */
    public List<MappedAccount> mapAll(List<Identity> identities) throws IdentityMappingException {
        Map<String, Identity> byId = new LinkedHashMap<>();
        identities.stream().filter(this::inAllowedDomain).forEach(identity -> byId.putIfAbsent(identity.id(), identity));
        List<Identity> candidates = List.copyOf(byId.values());

        Map<String, Set<String>> usernames = new LinkedHashMap<>();
        if (mappings.isEmpty()) {
            candidates.forEach(identity -> usernames.put(identity.id(), Set.of(defaultUsername(identity))));
        }
        for (IdentityMapping mapping : mappings) {
            mapping.mapAll(candidates).forEach((id, names) ->
                    usernames.computeIfAbsent(id, key -> new LinkedHashSet<>()).addAll(names));
        }

        List<MappedAccount> accounts = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : usernames.entrySet()) {
            Identity identity = byId.get(entry.getKey());
            for (String username : entry.getValue()) {
                try {
                    accounts.add(admit(identity, username));
                } catch (IdentityMappingException e) {
                    if (!CANDIDATE_REJECTIONS.contains(e.reason())) {
                        throw e;
                    }
                    LOG.debug("storage gateway {}: candidate account left out: {}", config.storageGatewayId(), e.getMessage());
                }
            }
        }
        return accounts;
    }

    private boolean inAllowedDomain(Identity identity) {
        int at = identity.username().lastIndexOf('@');
        return at >= 0 && allowedDomains.contains(identity.username().substring(at + 1).toLowerCase(Locale.ROOT));
    }

    private Optional<String> mappedUsername(Identity identity) throws IdentityMappingException {
        if (mappings.isEmpty()) {
            return Optional.of(defaultUsername(identity));
        }
        for (IdentityMapping mapping : mappings) {
            Optional<String> username = mapping.map(identity).filter(name -> !name.isEmpty());
            if (username.isPresent()) {
                return username;
            }
        }
        return Optional.empty();
    }

    /** GCS default mapping for a single allowed domain; only called for identities in that domain. */
    private String defaultUsername(Identity identity) {
        String username = identity.username();
        return config.keepFullUsername() ? username : username.substring(0, username.lastIndexOf('@'));
    }

    /**
     * Checks, again, a local username mapped earlier (a guest collection acts as its creator's account long
     * after the creator was mapped): users_deny, users_allow and account verification apply as they are now.
     */
    public MappedAccount admitAgain(String identityId, String username) throws IdentityMappingException {
        return admit(identityId, "local user '" + username + "'", username);
    }

    private MappedAccount admit(Identity identity, String username) throws IdentityMappingException {
        if (username.isBlank() || username.chars().anyMatch(Character::isISOControl)) {
            throw new IdentityMappingException(Reason.INVALID_USERNAME, "the identity mappings of storage gateway "
                    + config.storageGatewayId() + " turned identity " + identity.username() + " into an unusable"
                    + " username (empty or with control characters); fix the mapping's output");
        }
        return admit(identity.id(), "identity " + identity.username() + " maps to local user '" + username + "'",
                username);
    }

    private MappedAccount admit(String identityId, String mapsTo, String username) throws IdentityMappingException {
        String gateway = config.storageGatewayId();
        if (config.usersDeny().contains(username)) {
            throw new IdentityMappingException(Reason.USER_DENIED, mapsTo + ", which is listed in users_deny of"
                    + " storage gateway " + gateway + "; remove it from users_deny to grant access");
        }
        if (!config.usersAllow().isEmpty() && !config.usersAllow().contains(username)) {
            throw new IdentityMappingException(Reason.USER_NOT_ALLOWED, mapsTo + ", which is not listed in"
                    + " users_allow of storage gateway " + gateway + "; add it to users_allow to grant access");
        }
        Optional<PosixAccount> posixAccount = Optional.empty();
        if (config.accountVerification().isPresent()) {
            AccountLookup lookup = config.accountVerification().get();
            PosixAccount account = lookup.lookup(username).orElseThrow(() -> new IdentityMappingException(
                    Reason.NO_SUCH_ACCOUNT, mapsTo + ", which does not exist on this host; create the account or"
                    + " fix the identity mapping of storage gateway " + gateway));
            if (account.isRoot()) {
                throw new IdentityMappingException(Reason.ROOT_ACCOUNT_REFUSED, mapsTo + ", which has uid 0; Conduit"
                        + " never acts as root: map the identity to an unprivileged account on storage gateway " + gateway);
            }
            posixAccount = Optional.of(account);
        }
        return new MappedAccount(identityId, username, posixAccount);
    }
}
