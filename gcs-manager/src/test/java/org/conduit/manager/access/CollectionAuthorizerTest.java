package org.conduit.manager.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.conduit.manager.access.TestCollections.ADMIN;
import static org.conduit.manager.access.TestCollections.ALICE;
import static org.conduit.manager.access.TestCollections.BOB;
import static org.conduit.manager.access.TestCollections.CLOCK;
import static org.conduit.manager.access.TestCollections.OWNER;
import static org.conduit.manager.access.TestCollections.caller;
import static org.conduit.manager.access.TestCollections.gateway;
import static org.conduit.manager.access.TestCollections.guestCollection;
import static org.conduit.manager.access.TestCollections.identity;
import static org.conduit.manager.access.TestCollections.loggedInAgo;
import static org.conduit.manager.access.TestCollections.mapped;
import static org.conduit.manager.access.TestCollections.share;
import static org.conduit.manager.access.TestCollections.shareAnonymously;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CollectionAuthorizerTest {

    private static final MappedUser ALICE_ACCOUNT = MappedUser.of("alice", "/home/alice");
    private static final MappedUser BOB_ACCOUNT = MappedUser.of("bob", "/home/bob");
    private static final Duration TIMEOUT = Duration.ofMinutes(CollectionView.DEFAULT_AUTHENTICATION_TIMEOUT_MINS);

    private final CollectionAuthorizer authorizer = new CollectionAuthorizer(CLOCK);

    private static PathRestrictions restrictions(List<String> read, List<String> readWrite, List<String> none) {
        return PathRestrictions.of(read, readWrite, none);
    }

    private static Access permitted(Decision decision) {
        assertThat(decision).as("decision").isInstanceOf(Decision.Permit.class);
        return ((Decision.Permit) decision).pathAccess().orElseThrow();
    }

    private static Decision.Deny denied(Decision decision) {
        assertThat(decision).as("decision").isInstanceOf(Decision.Deny.class);
        return (Decision.Deny) decision;
    }

    @Nested
    class MappedCollections {

        private CollectionView collection(String basePath, PathRestrictions restrictPaths) {
            return CollectionView.mapped("m1", OWNER, true, gateway(restrictPaths, false), mapped(basePath, null),
                    List.of());
        }

        private Decision ask(Caller caller, MappedUser account, CollectionView collection, Operation operation,
                String path) {
            return authorizer.authorize(AccessRequest.mappedData(caller, account, collection, operation, path));
        }

        @Test
        void mappedUserGetsReadWriteWhenTheGatewayHasNoRestrictions() {
            Decision decision = ask(caller(ALICE), ALICE_ACCOUNT, collection("/", null), Operation.WRITE, "/any/where");

            assertThat(permitted(decision)).isEqualTo(Access.READ_WRITE);
        }

        @Test
        void restrictionsAreEvaluatedForTheCallersAccountBelowTheBasePath() {
            CollectionView scratch = collection("/scratch", restrictions(List.of(), List.of("/scratch/$USER"), List.of()));

            assertThat(permitted(ask(caller(ALICE), ALICE_ACCOUNT, scratch, Operation.WRITE, "/alice/run.log")))
                    .isEqualTo(Access.READ_WRITE);
            Decision.Deny other = denied(ask(caller(ALICE), ALICE_ACCOUNT, scratch, Operation.READ, "/bob/run.log"));
            assertThat(other.type()).isEqualTo(Decision.Denial.PERMISSION_DENIED);
            assertThat(other.message()).contains("restrict_paths", "'alice'", "/bob/run.log").doesNotContain("/scratch");
            assertThat(permitted(ask(caller(BOB), BOB_ACCOUNT, scratch, Operation.WRITE, "/bob/run.log")))
                    .isEqualTo(Access.READ_WRITE);
        }

        @Test
        void readRestrictionAllowsDownloadButNotUpload() {
            CollectionView archive = collection("/", restrictions(List.of("/archive"), List.of(), List.of()));

            assertThat(permitted(ask(caller(ALICE), ALICE_ACCOUNT, archive, Operation.READ, "/archive/x")))
                    .isEqualTo(Access.READ);
            assertThat(denied(ask(caller(ALICE), ALICE_ACCOUNT, archive, Operation.WRITE, "/archive/x")).type())
                    .isEqualTo(Decision.Denial.PERMISSION_DENIED);
        }

        @Test
        void rootAboveTheOnlyGrantCanBeListedButNotRead() {
            CollectionView project = collection("/", restrictions(List.of(), List.of("/project"), List.of()));

            Decision listing = ask(caller(ALICE), ALICE_ACCOUNT, project, Operation.LIST, "/");
            assertThat(permitted(listing)).isEqualTo(Access.TRAVERSE);
            assertThat(((Decision.Permit) listing).traverseOnly()).isTrue();
            assertThat(permitted(ask(caller(ALICE), ALICE_ACCOUNT, project, Operation.STAT, "/project")))
                    .isEqualTo(Access.READ_WRITE);
            assertThat(denied(ask(caller(ALICE), ALICE_ACCOUNT, project, Operation.STAT, "/etc")).type())
                    .isEqualTo(Decision.Denial.PERMISSION_DENIED);
            assertThat(denied(ask(caller(ALICE), ALICE_ACCOUNT, project, Operation.READ, "/")).type())
                    .isEqualTo(Decision.Denial.PERMISSION_DENIED);
        }

        @Test
        void homeBasePathResolvesPerAccount() {
            CollectionView homes = collection("~", restrictions(List.of(), List.of("$HOME"), List.of("$HOME/.ssh")));

            assertThat(permitted(ask(caller(ALICE), ALICE_ACCOUNT, homes, Operation.WRITE, "/thesis.tex")))
                    .isEqualTo(Access.READ_WRITE);
            assertThat(denied(ask(caller(ALICE), ALICE_ACCOUNT, homes, Operation.READ, "/.ssh/id_ed25519")).type())
                    .isEqualTo(Decision.Denial.PERMISSION_DENIED);
        }

        @Test
        void anonymousCallerMustLogInToAMappedCollection() {
            Decision decision = authorizer.authorize(AccessRequest.data(Caller.anonymous(), collection("/", null),
                    Operation.READ, "/f"));

            assertThat(denied(decision).type()).isEqualTo(Decision.Denial.AUTHENTICATION_REQUIRED);
        }

        @Test
        void loginOlderThanTheGatewayTimeoutIsAuthenticationTimeout() {
            CollectionView open = collection("/", null);

            Decision stale = ask(loggedInAgo(ALICE, TIMEOUT.plusSeconds(1)), ALICE_ACCOUNT, open, Operation.READ, "/f");
            Decision justInTime = ask(loggedInAgo(ALICE, TIMEOUT), ALICE_ACCOUNT, open, Operation.READ, "/f");

            assertThat(denied(stale).type()).isEqualTo(Decision.Denial.AUTHENTICATION_TIMEOUT);
            assertThat(denied(stale).message()).contains("log in again");
            assertThat(justInTime.permitted()).isTrue();
        }

        @Test
        void unknownLoginTimeCountsAsStale() {
            Caller noAuthTime = new Caller(Set.of(ALICE), Set.of(), true, Optional.empty());

            assertThat(denied(ask(noAuthTime, ALICE_ACCOUNT, collection("/", null), Operation.STAT, "/")).type())
                    .isEqualTo(Decision.Denial.AUTHENTICATION_TIMEOUT);
        }

        @Test
        void requestsMustCarryNormalisedPathsAndTheMappedAccount() {
            CollectionView open = collection("/", null);

            assertThatThrownBy(() -> AccessRequest.mappedData(caller(ALICE), ALICE_ACCOUNT, open, Operation.READ,
                    "/a/../etc")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> AccessRequest.data(caller(ALICE), open, Operation.READ, "/a"))
                    .hasMessageContaining("mapped account");
            assertThatThrownBy(() -> AccessRequest.administrative(caller(ALICE), open, Operation.READ))
                    .hasMessageContaining("needs path");
        }
    }

    @Nested
    class GuestCollections {

        /** alice shares /home/alice/share of a mapped collection rooted at / on an unrestricted gateway. */
        private CollectionView shared(List<AclRule> rules) {
            return guestCollection(gateway(null, false), mapped("/", null), "/home/alice/share", ALICE_ACCOUNT, rules,
                    List.of());
        }

        private Decision ask(Caller caller, CollectionView collection, Operation operation, String path) {
            return authorizer.authorize(AccessRequest.data(caller, collection, operation, path));
        }

        @Test
        void callerGetsTheUnionOfTheirRules() {
            CollectionView collection = shared(List.of(share(BOB, "/", "r"), share(BOB, "/incoming/", "rw")));

            assertThat(permitted(ask(caller(BOB), collection, Operation.READ, "/paper.pdf"))).isEqualTo(Access.READ);
            assertThat(denied(ask(caller(BOB), collection, Operation.WRITE, "/paper.pdf")).message())
                    .contains("rw", "owner or an access manager");
            assertThat(permitted(ask(caller(BOB), collection, Operation.WRITE, "/incoming/data.bin")))
                    .isEqualTo(Access.READ_WRITE);
        }

        @Test
        void callerWithoutRulesIsDenied() {
            Decision decision = ask(caller(ADMIN), shared(List.of(share(BOB, "/", "rw"))), Operation.READ, "/x");

            assertThat(denied(decision).type()).isEqualTo(Decision.Denial.PERMISSION_DENIED);
        }

        @Test
        void expiredAclRuleGrantsNothingThroughTheAuthorizer() {
            AclRule expired = AclRule.of("old", AclRule.PrincipalType.IDENTITY, BOB, "/", Access.READ_WRITE,
                    TestCollections.NOW.minusSeconds(1));

            assertThat(denied(ask(caller(BOB), shared(List.of(expired)), Operation.READ, "/x")).type())
                    .isEqualTo(Decision.Denial.PERMISSION_DENIED);
        }

        @Test
        void guestOwnerAdministratorAndAccessManagerHaveImplicitReadWrite() {
            CollectionView collection = guestCollection(gateway(null, false), mapped("/", null), "/home/alice/share",
                    ALICE_ACCOUNT, List.of(), List.of(
                            RoleAssignment.onEndpoint("r1", identity(ADMIN), Role.ADMINISTRATOR),
                            RoleAssignment.onCollection("r2", identity(BOB), "9e9e9e9e-0000-0000-0000-000000000000",
                                    Role.ACCESS_MANAGER)));

            assertThat(permitted(ask(caller(OWNER), collection, Operation.WRITE, "/x"))).isEqualTo(Access.READ_WRITE);
            assertThat(permitted(ask(caller(ADMIN), collection, Operation.WRITE, "/x"))).isEqualTo(Access.READ_WRITE);
            assertThat(permitted(ask(caller(BOB), collection, Operation.WRITE, "/x"))).isEqualTo(Access.READ_WRITE);
        }

        @Test
        void activityManagerHasNoImplicitDataAccess() {
            CollectionView collection = guestCollection(gateway(null, false), mapped("/", null), "/share", ALICE_ACCOUNT,
                    List.of(), List.of(RoleAssignment.onEndpoint("r1", identity(BOB), Role.ACTIVITY_MANAGER)));

            assertThat(ask(caller(BOB), collection, Operation.READ, "/x").permitted()).isFalse();
        }

        @Test
        void sharingRestrictPathsCapTheAclAndAreRelativeToTheMappedRoot() {
            PathRestrictions sharing = restrictions(List.of("/projects/published"), List.of("/projects/shared"),
                    List.of());
            CollectionView collection = guestCollection(gateway(null, false), mapped("/data", sharing), "/projects",
                    ALICE_ACCOUNT, List.of(share(BOB, "/", "rw")), List.of());

            assertThat(permitted(ask(caller(BOB), collection, Operation.WRITE, "/shared/x"))).isEqualTo(Access.READ_WRITE);
            assertThat(permitted(ask(caller(BOB), collection, Operation.READ, "/published/x"))).isEqualTo(Access.READ);
            Decision.Deny write = denied(ask(caller(BOB), collection, Operation.WRITE, "/published/x"));
            assertThat(write.message()).contains("sharing_restrict_paths");
            assertThat(denied(ask(caller(BOB), collection, Operation.READ, "/private/x")).type())
                    .isEqualTo(Decision.Denial.PERMISSION_DENIED);
            assertThat(permitted(ask(caller(BOB), collection, Operation.LIST, "/"))).isEqualTo(Access.TRAVERSE);
        }

        @Test
        void gatewayRestrictionsAreEvaluatedForTheGuestOwnersAccount() {
            PathRestrictions homes = restrictions(List.of(), List.of("/home/$USER"), List.of());
            CollectionView alicesShare = guestCollection(gateway(homes, false), mapped("/", null), "/home/alice/share",
                    ALICE_ACCOUNT, List.of(share(BOB, "/", "rw")), List.of());
            CollectionView bobsShareOfAlicesHome = guestCollection(gateway(homes, false), mapped("/", null),
                    "/home/alice/share", BOB_ACCOUNT, List.of(share(BOB, "/", "rw")), List.of());

            assertThat(permitted(ask(caller(BOB), alicesShare, Operation.WRITE, "/x"))).isEqualTo(Access.READ_WRITE);
            Decision.Deny outside = denied(ask(caller(BOB), bobsShareOfAlicesHome, Operation.READ, "/x"));
            assertThat(outside.message()).contains("restrict_paths", "owner").doesNotContain("/home/alice");
        }

        @Test
        void accessIsTheLeastOfAclSharingAndGateway() {
            PathRestrictions sharing = restrictions(List.of("/"), List.of(), List.of());
            CollectionView collection = guestCollection(gateway(null, false), mapped("/", sharing), "/share",
                    ALICE_ACCOUNT, List.of(share(BOB, "/", "rw")), List.of());

            assertThat(permitted(ask(caller(BOB), collection, Operation.READ, "/x"))).isEqualTo(Access.READ);
        }

        @Test
        void listingAboveASharedFolderIsTraverseOnly() {
            CollectionView collection = shared(List.of(share(BOB, "/projects/a/", "r")));

            Decision root = ask(caller(BOB), collection, Operation.LIST, "/");
            assertThat(((Decision.Permit) root).traverseOnly()).isTrue();
            assertThat(permitted(ask(caller(BOB), collection, Operation.STAT, "/projects"))).isEqualTo(Access.TRAVERSE);
            assertThat(ask(caller(BOB), collection, Operation.STAT, "/projects/b").permitted()).isFalse();
            assertThat(ask(caller(BOB), collection, Operation.READ, "/projects/readme").permitted()).isFalse();
            assertThat(permitted(ask(caller(BOB), collection, Operation.READ, "/projects/a/f"))).isEqualTo(Access.READ);
        }

        @Test
        void anonymousCallerReadsPublicShareAndIsAskedToLogInForMore() {
            CollectionView collection = shared(List.of(shareAnonymously("/public/", "r")));

            assertThat(permitted(ask(Caller.anonymous(), collection, Operation.READ, "/public/data.csv")))
                    .isEqualTo(Access.READ);
            assertThat(denied(ask(Caller.anonymous(), collection, Operation.READ, "/private")).type())
                    .isEqualTo(Decision.Denial.AUTHENTICATION_REQUIRED);
        }

        @Test
        void anonymousWriteRuleStopsWritingOnceTheMappedCollectionDisablesAnonymousWrites() {
            CollectionView.Mapped noAnonymousWrites = new CollectionView.Mapped("/", Optional.empty(), true, List.of(),
                    List.of(), true);
            CollectionView collection = guestCollection(gateway(null, false), noAnonymousWrites, "/drop", ALICE_ACCOUNT,
                    List.of(shareAnonymously("/", "rw")), List.of());

            assertThat(ask(Caller.anonymous(), collection, Operation.WRITE, "/upload").permitted()).isFalse();
            assertThat(permitted(ask(Caller.anonymous(), collection, Operation.READ, "/upload"))).isEqualTo(Access.READ);
        }

        @Test
        void highAssuranceGuestRefusesAnonymousAndStaleLogins() {
            CollectionView collection = guestCollection(gateway(null, true), mapped("/", null), "/phi", ALICE_ACCOUNT,
                    List.of(shareAnonymously("/", "r"), share(BOB, "/", "r")), List.of());

            assertThat(denied(ask(Caller.anonymous(), collection, Operation.READ, "/x")).type())
                    .isEqualTo(Decision.Denial.AUTHENTICATION_REQUIRED);
            Decision.Deny stale = denied(ask(loggedInAgo(BOB, TIMEOUT.plusMinutes(1)), collection, Operation.READ, "/x"));
            assertThat(stale.type()).isEqualTo(Decision.Denial.AUTHENTICATION_TIMEOUT);
            assertThat(stale.message()).contains("high assurance");
            assertThat(ask(caller(BOB), collection, Operation.READ, "/x").permitted()).isTrue();
        }

        @Test
        void ordinaryGuestIgnoresLoginAge() {
            CollectionView collection = shared(List.of(share(BOB, "/", "r")));

            assertThat(ask(loggedInAgo(BOB, TIMEOUT.multipliedBy(10)), collection, Operation.READ, "/x").permitted())
                    .isTrue();
        }

        @Test
        void guestBecomesUnreachableWhenItsMappedCollectionStopsAllowingGuests() {
            CollectionView.Mapped closed = new CollectionView.Mapped("/", Optional.empty(), false, List.of(), List.of(),
                    false);
            CollectionView collection = guestCollection(gateway(null, false), closed, "/share", ALICE_ACCOUNT,
                    List.of(share(BOB, "/", "rw")), List.of());

            assertThat(denied(ask(caller(BOB), collection, Operation.READ, "/x")).message())
                    .contains("no longer allows guest collections");
        }

        @Test
        void guestBecomesUnreachableWhenItsOwnerMayNoLongerShare() {
            CollectionView.Mapped aliceDenied = new CollectionView.Mapped("/", Optional.empty(), true, List.of(),
                    List.of("alice"), false);
            CollectionView collection = guestCollection(gateway(null, false), aliceDenied, "/share", ALICE_ACCOUNT,
                    List.of(share(BOB, "/", "rw")), List.of());

            assertThat(denied(ask(caller(OWNER), collection, Operation.READ, "/x")).message())
                    .contains("sharing_users_deny");
        }
    }

    @Nested
    class GuestCollectionCreation {

        private Decision create(MappedUser account, CollectionView.Mapped mapped, PathRestrictions restrictPaths,
                String path) {
            CollectionView collection = CollectionView.mapped("m1", OWNER, true, gateway(restrictPaths, false), mapped,
                    List.of());
            return authorizer.authorize(AccessRequest.mappedData(caller(ALICE), account, collection,
                    Operation.CREATE_GUEST_COLLECTION, path));
        }

        @Test
        void mappedUserMayShareWhatSharingRestrictionsAllow() {
            PathRestrictions sharing = restrictions(List.of("/projects"), List.of("$HOME"), List.of("/"));

            assertThat(permitted(create(ALICE_ACCOUNT, mapped("/", sharing), null, "/home/alice/share")))
                    .isEqualTo(Access.READ_WRITE);
            assertThat(permitted(create(ALICE_ACCOUNT, mapped("/", sharing), null, "/projects/p1")))
                    .isEqualTo(Access.READ);
            assertThat(denied(create(ALICE_ACCOUNT, mapped("/", sharing), null, "/home")).message())
                    .contains("sharing_restrict_paths");
        }

        @Test
        void pathOutsideTheUsersGatewayRestrictionsCannotBeShared() {
            PathRestrictions homes = restrictions(List.of(), List.of("$HOME"), List.of());

            assertThat(create(ALICE_ACCOUNT, mapped("/", null), homes, "/home/alice/x").permitted()).isTrue();
            assertThat(denied(create(ALICE_ACCOUNT, mapped("/", null), homes, "/home/bob")).message())
                    .contains("restrict_paths");
        }

        @Test
        void allowGuestCollectionsFalseRefusesCreation() {
            CollectionView.Mapped closed = new CollectionView.Mapped("/", Optional.empty(), false, List.of(), List.of(),
                    false);

            assertThat(denied(create(ALICE_ACCOUNT, closed, null, "/x")).message()).contains("allow_guest_collections");
        }

        @Test
        void sharingUsersDenyWinsOverAllow() {
            CollectionView.Mapped both = new CollectionView.Mapped("/", Optional.empty(), true, List.of("alice"),
                    List.of("alice"), false);

            assertThat(denied(create(ALICE_ACCOUNT, both, null, "/x")).type()).isEqualTo(Decision.Denial.PERMISSION_DENIED);
        }

        @Test
        void sharingUsersAllowAdmitsOnlyThoseListed() {
            CollectionView.Mapped onlyBob = new CollectionView.Mapped("/", Optional.empty(), true, List.of("bob"),
                    List.of(), false);

            assertThat(create(ALICE_ACCOUNT, onlyBob, null, "/x").permitted()).isFalse();
            assertThat(create(BOB_ACCOUNT, onlyBob, null, "/x").permitted()).isTrue();
        }

        @Test
        void guestCollectionsAreNotCreatedOnGuestCollections() {
            CollectionView guest = guestCollection(gateway(null, false), mapped("/", null), "/share", ALICE_ACCOUNT,
                    List.of(), List.of());

            Decision decision = authorizer.authorize(new AccessRequest(caller(OWNER), Optional.empty(), guest,
                    Operation.CREATE_GUEST_COLLECTION, Optional.of("/")));

            assertThat(denied(decision).message()).contains("mapped collections");
        }
    }

    @Nested
    class AdministrativeOperations {

        private Decision ask(Caller caller, CollectionView collection, Operation operation) {
            return authorizer.authorize(AccessRequest.administrative(caller, collection, operation));
        }

        private CollectionView privateMapped(RoleAssignment... roles) {
            return TestCollections.mappedCollection("m1", List.of(roles));
        }

        @Test
        void publicCollectionDocumentIsVisibleToAnyAuthenticatedCaller() {
            CollectionView open = CollectionView.mapped("m1", OWNER, true, gateway(null, false), mapped("/", null),
                    List.of());

            assertThat(ask(caller(BOB), open, Operation.VIEW_COLLECTION).permitted()).isTrue();
            assertThat(denied(ask(Caller.anonymous(), open, Operation.VIEW_COLLECTION)).type())
                    .isEqualTo(Decision.Denial.AUTHENTICATION_REQUIRED);
        }

        @Test
        void privateCollectionNeedsARoleToBeSeen() {
            Decision.Deny deny = denied(ask(caller(BOB), privateMapped(), Operation.VIEW_COLLECTION));

            assertThat(deny.type()).isEqualTo(Decision.Denial.MISSING_REQUIRED_ROLE);
            assertThat(deny.message()).contains("activity_monitor");
            assertThat(ask(caller(BOB), privateMapped(RoleAssignment.onCollection("r", identity(BOB), "m1",
                    Role.ACTIVITY_MONITOR)), Operation.VIEW_COLLECTION).permitted()).isTrue();
        }

        @Test
        void accessManagerCannotSeeAPrivateCollectionDocument() {
            CollectionView collection = privateMapped(RoleAssignment.onCollection("r", identity(BOB), "m1",
                    Role.ACCESS_MANAGER));

            assertThat(ask(caller(BOB), collection, Operation.VIEW_COLLECTION).permitted()).isFalse();
        }

        @Test
        void shareeMaySeeThePrivateGuestCollectionSharedWithThem() {
            CollectionView guest = guestCollection(gateway(null, false), mapped("/", null), "/share", ALICE_ACCOUNT,
                    List.of(share(BOB, "/x/", "r")), List.of());

            assertThat(ask(caller(BOB), guest, Operation.VIEW_COLLECTION).permitted()).isTrue();
            assertThat(ask(caller(ADMIN), guest, Operation.VIEW_COLLECTION).permitted()).isFalse();
        }

        @Test
        void activityMonitorSeesButCannotControlTasks() {
            CollectionView collection = privateMapped(RoleAssignment.onEndpoint("r", identity(BOB), Role.ACTIVITY_MONITOR));

            assertThat(ask(caller(BOB), collection, Operation.VIEW_TASKS).permitted()).isTrue();
            assertThat(denied(ask(caller(BOB), collection, Operation.CONTROL_TASKS)).type())
                    .isEqualTo(Decision.Denial.MISSING_REQUIRED_ROLE);
        }

        @Test
        void endpointRolesApplyToEveryCollection() {
            RoleAssignment endpointManager = RoleAssignment.onEndpoint("r", identity(BOB), Role.ACTIVITY_MANAGER);

            assertThat(ask(caller(BOB), TestCollections.mappedCollection("m1", List.of(endpointManager)),
                    Operation.CONTROL_TASKS).permitted()).isTrue();
            assertThat(ask(caller(BOB), TestCollections.mappedCollection("m2", List.of(endpointManager)),
                    Operation.CONTROL_TASKS).permitted()).isTrue();
        }

        @Test
        void onlyAdministratorsModifyTheCollection() {
            assertThat(ask(caller(OWNER), privateMapped(), Operation.MODIFY_COLLECTION).permitted()).isTrue();
            assertThat(ask(caller(BOB), privateMapped(RoleAssignment.onEndpoint("r", identity(BOB),
                    Role.ACTIVITY_MANAGER)), Operation.MODIFY_COLLECTION).permitted()).isFalse();
        }

        @Test
        void accessManagerManagesGuestAclsButAclsDoNotExistOnMappedCollections() {
            RoleAssignment accessManager = RoleAssignment.onEndpoint("r", identity(BOB), Role.ACCESS_MANAGER);
            CollectionView guest = guestCollection(gateway(null, false), mapped("/", null), "/share", ALICE_ACCOUNT,
                    List.of(), List.of(accessManager));

            assertThat(ask(caller(BOB), guest, Operation.MANAGE_ACLS).permitted()).isTrue();
            assertThat(ask(caller(BOB), guest, Operation.MANAGE_ROLES).permitted()).isFalse();
            assertThat(denied(ask(caller(OWNER), privateMapped(accessManager), Operation.MANAGE_ACLS)).message())
                    .contains("only on guest collections");
        }
    }
}
