package org.conduit.manager.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.conduit.manager.access.AclRule.PrincipalType;
import org.conduit.manager.access.InvalidAclRuleException.Reason;
import org.junit.jupiter.api.Test;

class GuestAclTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String ALICE = "11111111-1111-1111-1111-111111111111";
    private static final String ALICE_LINKED = "22222222-2222-2222-2222-222222222222";
    private static final String BOB = "33333333-3333-3333-3333-333333333333";
    private static final String LAB_GROUP = "44444444-4444-4444-4444-444444444444";

    private static final Caller ALICE_CALLER = Caller.authenticated(Set.of(ALICE, ALICE_LINKED), Set.of(LAB_GROUP), NOW);
    private static final Caller BOB_CALLER = Caller.authenticated(Set.of(BOB), Set.of(), NOW);

    private static AclRule rule(PrincipalType type, String principal, String path, String permissions) {
        return AclRule.of("rule-" + path + principal + type, type, principal, path, Access.fromAclCode(permissions), null);
    }

    private static AclRule expiring(String principal, String path, Instant expiry) {
        return AclRule.of("expiring", PrincipalType.IDENTITY, principal, path, Access.READ_WRITE, expiry);
    }

    private static Reason rejection(GuestAcl acl, AclRule candidate, boolean anonymousWritesDisabled) {
        InvalidAclRuleException e = catchThrowableOfType(
                () -> acl.validateNew(candidate, anonymousWritesDisabled, NOW), InvalidAclRuleException.class);
        assertThat(e).as("rule %s should be refused", candidate).isNotNull();
        return e.reason();
    }

    // ---- evaluation ----

    @Test
    void rulesAreAdditiveSoANarrowerReadRuleCannotTakeBackWrite() {
        GuestAcl acl = new GuestAcl(List.of(
                rule(PrincipalType.IDENTITY, ALICE, "/projects/", "rw"),
                rule(PrincipalType.IDENTITY, ALICE, "/projects/study1/", "r")));

        assertThat(acl.accessFor(ALICE_CALLER, "/projects/study1/data.csv", false, NOW)).isEqualTo(Access.READ_WRITE);
    }

    @Test
    void ruleCoversItsDirectoryAndBelowButNotLookalikeSiblings() {
        GuestAcl acl = new GuestAcl(List.of(rule(PrincipalType.IDENTITY, ALICE, "/projects/", "r")));

        assertThat(acl.accessFor(ALICE_CALLER, "/projects", false, NOW)).isEqualTo(Access.READ);
        assertThat(acl.accessFor(ALICE_CALLER, "/projects/a/b", false, NOW)).isEqualTo(Access.READ);
        assertThat(acl.accessFor(ALICE_CALLER, "/projectsX", false, NOW)).isEqualTo(Access.NONE);
    }

    @Test
    void expiredAclRuleGrantsNothing() {
        GuestAcl acl = new GuestAcl(List.of(expiring(ALICE, "/", NOW.minusSeconds(1))));

        assertThat(acl.accessFor(ALICE_CALLER, "/file", false, NOW)).isEqualTo(Access.NONE);
        assertThat(acl.hasRuleFor(ALICE_CALLER, NOW)).isFalse();
    }

    @Test
    void ruleStopsApplyingAtItsExpirationInstant() {
        GuestAcl acl = new GuestAcl(List.of(expiring(ALICE, "/", NOW.plusSeconds(60))));

        assertThat(acl.accessFor(ALICE_CALLER, "/f", false, NOW.plusSeconds(59))).isEqualTo(Access.READ_WRITE);
        assertThat(acl.accessFor(ALICE_CALLER, "/f", false, NOW.plusSeconds(60))).isEqualTo(Access.NONE);
    }

    @Test
    void linkedIdentitiesAndGroupsAllCount() {
        GuestAcl acl = new GuestAcl(List.of(
                rule(PrincipalType.IDENTITY, ALICE_LINKED, "/linked/", "r"),
                rule(PrincipalType.GROUP, LAB_GROUP, "/lab/", "rw")));

        assertThat(acl.accessFor(ALICE_CALLER, "/linked/x", false, NOW)).isEqualTo(Access.READ);
        assertThat(acl.accessFor(ALICE_CALLER, "/lab/x", false, NOW)).isEqualTo(Access.READ_WRITE);
        assertThat(acl.accessFor(BOB_CALLER, "/lab/x", false, NOW)).isEqualTo(Access.NONE);
    }

    @Test
    void allAuthenticatedUsersExcludesAnonymousWhileAnonymousIncludesEveryone() {
        GuestAcl acl = new GuestAcl(List.of(
                rule(PrincipalType.ALL_AUTHENTICATED_USERS, "", "/members/", "r"),
                rule(PrincipalType.ANONYMOUS, "", "/public/", "r")));

        assertThat(acl.accessFor(Caller.anonymous(), "/members/x", false, NOW)).isEqualTo(Access.NONE);
        assertThat(acl.accessFor(BOB_CALLER, "/members/x", false, NOW)).isEqualTo(Access.READ);
        assertThat(acl.accessFor(Caller.anonymous(), "/public/x", false, NOW)).isEqualTo(Access.READ);
        assertThat(acl.accessFor(BOB_CALLER, "/public/x", false, NOW)).isEqualTo(Access.READ);
    }

    @Test
    void anonymousReadWriteRuleOnlyReadsOnceAnonymousWritesAreDisabled() {
        GuestAcl acl = new GuestAcl(List.of(rule(PrincipalType.ANONYMOUS, "", "/dropbox/", "rw")));

        assertThat(acl.accessFor(Caller.anonymous(), "/dropbox/f", false, NOW)).isEqualTo(Access.READ_WRITE);
        assertThat(acl.accessFor(Caller.anonymous(), "/dropbox/f", true, NOW)).isEqualTo(Access.READ);
    }

    @Test
    void directoriesAboveARuleAreTraversableForItsPrincipalOnly() {
        GuestAcl acl = new GuestAcl(List.of(rule(PrincipalType.IDENTITY, ALICE, "/projects/a/", "r")));

        assertThat(acl.accessFor(ALICE_CALLER, "/", false, NOW)).isEqualTo(Access.TRAVERSE);
        assertThat(acl.accessFor(ALICE_CALLER, "/projects", false, NOW)).isEqualTo(Access.TRAVERSE);
        assertThat(acl.accessFor(ALICE_CALLER, "/projects/b", false, NOW)).isEqualTo(Access.NONE);
        assertThat(acl.accessFor(BOB_CALLER, "/projects", false, NOW)).isEqualTo(Access.NONE);
    }

    @Test
    void principalIdsCompareCaseInsensitively() {
        GuestAcl acl = new GuestAcl(List.of(rule(PrincipalType.IDENTITY, ALICE.toUpperCase(), "/", "r")));

        assertThat(acl.accessFor(ALICE_CALLER, "/x", false, NOW)).isEqualTo(Access.READ);
    }

    @Test
    void jsonCodesRoundTrip() {
        for (PrincipalType type : PrincipalType.values()) {
            assertThat(PrincipalType.fromCode(type.code())).isEqualTo(type);
        }
        assertThat(Access.fromAclCode(Access.READ.aclCode())).isEqualTo(Access.READ);
        assertThat(Access.READ_WRITE.aclCode()).isEqualTo("rw");
        assertThatThrownBy(() -> Access.fromAclCode("w")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrincipalType.fromCode("user")).hasMessageContaining("principal_type");
        assertThatThrownBy(() -> Access.TRAVERSE.aclCode()).isInstanceOf(IllegalStateException.class);
    }

    // ---- validation of new rules ----

    @Test
    void wellFormedRulePassesValidation() {
        AclRule candidate = AclRule.of("new", PrincipalType.IDENTITY, BOB, "/projects/shared/", Access.READ,
                NOW.plus(Duration.ofDays(30)));

        assertThatCode(() -> GuestAcl.empty().validateNew(candidate, true, NOW)).doesNotThrowAnyException();
    }

    @Test
    void pathMustStartAndEndWithSlashAndBeNormalised() {
        for (String path : List.of("projects/", "/projects", "", "//", "/a//b/", "/a/../b/", "/./")) {
            assertThat(rejection(GuestAcl.empty(), rule(PrincipalType.IDENTITY, BOB, path, "r"), false))
                    .as(path).isEqualTo(Reason.INVALID_PATH);
        }
    }

    @Test
    void identityAndGroupRulesNeedAPrincipalId() {
        assertThat(rejection(GuestAcl.empty(), rule(PrincipalType.IDENTITY, "", "/", "r"), false))
                .isEqualTo(Reason.INVALID_PRINCIPAL);
        assertThat(rejection(GuestAcl.empty(), rule(PrincipalType.GROUP, "lab", "/", "r"), false))
                .isEqualTo(Reason.INVALID_PRINCIPAL);
    }

    @Test
    void anonymousAndAllAuthenticatedRulesHaveAnEmptyPrincipal() {
        assertThat(rejection(GuestAcl.empty(), rule(PrincipalType.ANONYMOUS, BOB, "/", "r"), false))
                .isEqualTo(Reason.INVALID_PRINCIPAL);
        assertThat(rejection(GuestAcl.empty(), rule(PrincipalType.ALL_AUTHENTICATED_USERS, BOB, "/", "r"), false))
                .isEqualTo(Reason.INVALID_PRINCIPAL);
    }

    @Test
    void anonymousWriteIsRefusedWhenAnonymousWritesAreDisabled() {
        AclRule anonymousWrite = rule(PrincipalType.ANONYMOUS, "", "/inbox/", "rw");

        assertThat(rejection(GuestAcl.empty(), anonymousWrite, true)).isEqualTo(Reason.ANONYMOUS_WRITES_DISABLED);
        assertThatCode(() -> GuestAcl.empty().validateNew(anonymousWrite, false, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> GuestAcl.empty().validateNew(rule(PrincipalType.ANONYMOUS, "", "/inbox/", "r"), true, NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void expirationMustBeInTheFuture() {
        assertThat(rejection(GuestAcl.empty(), expiring(BOB, "/", NOW), false)).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void thousandAndFirstRuleIsRefusedButRoleRulesDoNotCount() {
        List<AclRule> rules = new ArrayList<>();
        for (int i = 0; i < GuestAcl.MAX_RULES - 1; i++) {
            rules.add(rule(PrincipalType.IDENTITY, BOB, "/d" + i + "/", "r"));
        }
        rules.add(new AclRule("implicit", PrincipalType.IDENTITY, ALICE, "/", Access.READ_WRITE, Optional.empty(),
                Optional.of("role-1")));
        GuestAcl almostFull = new GuestAcl(rules);
        AclRule next = rule(PrincipalType.IDENTITY, BOB, "/another/", "r");
        assertThatCode(() -> almostFull.validateNew(next, false, NOW)).doesNotThrowAnyException();

        rules.add(next);
        assertThat(rejection(new GuestAcl(rules), rule(PrincipalType.IDENTITY, BOB, "/last/", "r"), false))
                .isEqualTo(Reason.LIMIT_EXCEEDED);
    }

    @Test
    void secondRuleForSamePrincipalAndPathIsRefused() {
        GuestAcl acl = new GuestAcl(List.of(rule(PrincipalType.IDENTITY, BOB, "/shared/", "r")));

        assertThat(rejection(acl, rule(PrincipalType.IDENTITY, BOB, "/shared/", "rw"), false))
                .isEqualTo(Reason.ALREADY_EXISTS);
    }

    @Test
    void roleDerivedRulesCannotBeCreatedThroughTheAcl() {
        AclRule fromRole = new AclRule("x", PrincipalType.IDENTITY, BOB, "/", Access.READ_WRITE, Optional.empty(),
                Optional.of("role-7"));

        assertThat(rejection(GuestAcl.empty(), fromRole, false)).isEqualTo(Reason.ROLE_DERIVED);
    }
}
