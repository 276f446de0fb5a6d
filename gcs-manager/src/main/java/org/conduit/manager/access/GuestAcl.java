package org.conduit.manager.access;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The permissions of one guest collection. Evaluation is additive: the caller gets the best of the rules that
 * name them (any linked identity, any group, all authenticated users, anonymous) and cover the path; expired
 * rules count for nothing. Filesystem permissions of the collection owner's account still apply afterwards.
 */
public final class GuestAcl {

    /** GCS: each guest collection can have at most 1000 permissions. */
    public static final int MAX_RULES = 1000;

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final List<AclRule> rules;

    public GuestAcl(List<AclRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static GuestAcl empty() {
        return new GuestAcl(List.of());
    }

    public List<AclRule> rules() {
        return rules;
    }

    /**
     * Checks a rule about to be added. {@code anonymousWritesDisabled} is the mapped collection's
     * {@code disable_anonymous_writes}, which is always in force on high-assurance gateways.
     */
    public void validateNew(AclRule candidate, boolean anonymousWritesDisabled, Instant now)
            throws InvalidAclRuleException {
        if (candidate.roleId().isPresent()) {
            throw new InvalidAclRuleException(InvalidAclRuleException.Reason.ROLE_DERIVED,
                    "Rules with a role_id come from role assignments; assign a role instead of creating this rule.");
        }
        if (!isDirectoryPath(candidate.path())) {
            throw new InvalidAclRuleException(InvalidAclRuleException.Reason.INVALID_PATH,
                    "Permission paths are directories relative to the guest collection root: they start and end"
                            + " with '/' and have no empty, '.' or '..' segment (for example /projects/shared/);"
                            + " got '" + candidate.path() + "'.");
        }
        String principal = candidate.principal();
        if (candidate.principalType().namesPrincipal() && !UUID.matcher(principal).matches()) {
            throw new InvalidAclRuleException(InvalidAclRuleException.Reason.INVALID_PRINCIPAL,
                    "A " + candidate.principalType().code() + " permission needs the " + candidate.principalType().code()
                            + " id (a UUID) as principal; got '" + principal + "'.");
        }
        if (!candidate.principalType().namesPrincipal() && !principal.isEmpty()) {
            throw new InvalidAclRuleException(InvalidAclRuleException.Reason.INVALID_PRINCIPAL,
                    "An " + candidate.principalType().code() + " permission has an empty principal; remove '"
                            + principal + "'.");
        }
        if (candidate.principalType() == AclRule.PrincipalType.ANONYMOUS
                && candidate.permissions() == Access.READ_WRITE && anonymousWritesDisabled) {
            throw new InvalidAclRuleException(InvalidAclRuleException.Reason.ANONYMOUS_WRITES_DISABLED,
                    "The mapped collection disables anonymous writes; give anonymous users \"r\", or give \"rw\" to"
                            + " all_authenticated_users or to named identities.");
        }
        if (candidate.expirationDate().isPresent() && !candidate.expirationDate().get().isAfter(now)) {
            throw new InvalidAclRuleException(InvalidAclRuleException.Reason.EXPIRED,
                    "The expiration date " + candidate.expirationDate().get() + " is not in the future.");
        }
        long ordinary = rules.stream().filter(rule -> rule.roleId().isEmpty()).count();
        if (ordinary >= MAX_RULES) {
            throw new InvalidAclRuleException(InvalidAclRuleException.Reason.LIMIT_EXCEEDED,
                    "This guest collection already has " + MAX_RULES + " permissions; delete some, or share with a"
                            + " group instead of individual identities.");
        }
        for (AclRule rule : rules) {
            if (rule.roleId().isEmpty() && rule.principalType() == candidate.principalType()
                    && rule.principal().equals(principal) && rule.path().equals(candidate.path())) {
                throw new InvalidAclRuleException(InvalidAclRuleException.Reason.ALREADY_EXISTS,
                        "Permission " + rule.id() + " already covers this principal on " + rule.path()
                                + "; update it instead.");
            }
        }
    }

    private static boolean isDirectoryPath(String path) {
        if (path.equals("/")) {
            return true;
        }
        return path.length() > 2 && path.endsWith("/")
                && CollectionPaths.isNormalised(path.substring(0, path.length() - 1));
    }

    /**
     * The caller's access at {@code path} from these rules alone: the best covering rule, or
     * {@link Access#TRAVERSE} when a rule for them sits below the path. Anonymous {@code rw} rules give only
     * {@code r} while anonymous writes are disabled, whenever the rule was made.
     */
    public Access accessFor(Caller caller, String path, boolean anonymousWritesDisabled, Instant now) {
        CollectionPaths.requireNormalised(path);
        Access best = Access.NONE;
        for (AclRule rule : rules) {
            if (rule.expiredAt(now) || !rule.appliesTo(caller)) {
                continue;
            }
            if (rule.covers(path)) {
                Access granted = rule.principalType() == AclRule.PrincipalType.ANONYMOUS && anonymousWritesDisabled
                        ? Access.READ : rule.permissions();
                best = Access.max(best, granted);
            } else if (rule.isBelow(path)) {
                best = Access.max(best, Access.TRAVERSE);
            }
        }
        return best;
    }

    /** Whether any live rule names the caller, wherever it is: such callers may see the collection document. */
    public boolean hasRuleFor(Caller caller, Instant now) {
        return rules.stream().anyMatch(rule -> !rule.expiredAt(now) && rule.appliesTo(caller));
    }
}
