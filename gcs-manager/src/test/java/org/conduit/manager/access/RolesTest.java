package org.conduit.manager.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.conduit.manager.access.TestCollections.ADMIN;
import static org.conduit.manager.access.TestCollections.BOB;
import static org.conduit.manager.access.TestCollections.NOW;
import static org.conduit.manager.access.TestCollections.OWNER;
import static org.conduit.manager.access.TestCollections.caller;
import static org.conduit.manager.access.TestCollections.identity;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolesTest {

    private static final String COLLECTION = "c0ffee00-0000-0000-0000-000000000001";
    private final CollectionAuthorizer authorizer = new CollectionAuthorizer(TestCollections.CLOCK);

    private static CollectionView collectionWith(RoleAssignment... roles) {
        return TestCollections.mappedCollection(COLLECTION, List.of(roles));
    }

    private static RoleAssignment target(Role role) {
        return RoleAssignment.onCollection("new", identity(BOB), COLLECTION, role);
    }

    private static Decision.Denial denial(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Deny.class);
        return ((Decision.Deny) decision).type();
    }

    @Test
    void rolesHaveTheirGcsPowers() {
        assertThat(Role.ADMINISTRATOR.capabilities()).containsExactlyInAnyOrder(Capability.values());
        assertThat(Role.ACCESS_MANAGER.capabilities()).containsExactlyInAnyOrder(
                Capability.VIEW_ACLS, Capability.MANAGE_ACLS, Capability.GUEST_READ_WRITE);
        assertThat(Role.ACTIVITY_MANAGER.capabilities()).containsExactlyInAnyOrder(
                Capability.VIEW_COLLECTION, Capability.VIEW_TASKS, Capability.CONTROL_TASKS, Capability.VIEW_ACLS);
        assertThat(Role.ACTIVITY_MONITOR.capabilities()).containsExactlyInAnyOrder(
                Capability.VIEW_COLLECTION, Capability.VIEW_TASKS);
        assertThat(Role.fromCode("access_manager")).isEqualTo(Role.ACCESS_MANAGER);
        assertThatThrownBy(() -> Role.fromCode("access_monitor")).hasMessageContaining("unknown role");
    }

    @Test
    void administratorCannotGrantOwner() {
        CollectionView collection = collectionWith(RoleAssignment.onCollection("r1", identity(ADMIN), COLLECTION,
                Role.ADMINISTRATOR));

        Decision decision = authorizer.authorizeRoleChange(caller(ADMIN), collection, target(Role.OWNER));

        assertThat(denial(decision)).isEqualTo(Decision.Denial.PERMISSION_DENIED);
        assertThat(((Decision.Deny) decision).message()).contains("set-owner");
    }

    @Test
    void ownerCannotGrantOwnerThroughRolesEither() {
        CollectionView collection = collectionWith(RoleAssignment.onEndpoint("r1", identity(ADMIN), Role.OWNER));

        assertThat(denial(authorizer.authorizeRoleChange(caller(ADMIN), collection, target(Role.OWNER))))
                .isEqualTo(Decision.Denial.PERMISSION_DENIED);
        assertThat(authorizer.authorizeRoleChange(caller(ADMIN), collection, target(Role.ADMINISTRATOR)).permitted())
                .isTrue();
    }

    @Test
    void administratorCanGrantEveryOtherRole() {
        CollectionView collection = collectionWith(RoleAssignment.onCollection("r1", identity(ADMIN), COLLECTION,
                Role.ADMINISTRATOR));

        for (Role role : List.of(Role.ADMINISTRATOR, Role.ACCESS_MANAGER, Role.ACTIVITY_MANAGER, Role.ACTIVITY_MONITOR)) {
            assertThat(authorizer.authorizeRoleChange(caller(ADMIN), collection, target(role)).permitted()).as(role.code())
                    .isTrue();
        }
    }

    @Test
    void accessManagerAndActivityManagerCannotAssignRoles() {
        for (Role held : List.of(Role.ACCESS_MANAGER, Role.ACTIVITY_MANAGER, Role.ACTIVITY_MONITOR)) {
            CollectionView collection = collectionWith(RoleAssignment.onCollection("r1", identity(ADMIN), COLLECTION,
                    held));
            assertThat(denial(authorizer.authorizeRoleChange(caller(ADMIN), collection, target(Role.ACTIVITY_MONITOR))))
                    .as(held.code()).isEqualTo(Decision.Denial.MISSING_REQUIRED_ROLE);
        }
    }

    @Test
    void collectionOwnerIdentityActsAsAdministrator() {
        CollectionView collection = collectionWith();

        assertThat(authorizer.effectiveRoles(caller(OWNER), collection)).containsExactly(Role.ADMINISTRATOR);
        assertThat(authorizer.authorizeRoleChange(caller(OWNER), collection, target(Role.ACCESS_MANAGER)).permitted())
                .isTrue();
    }

    @Test
    void collectionAdministratorCannotCreateEndpointRoles() {
        List<RoleAssignment> endpointRoles = List.of(
                RoleAssignment.onCollection("r1", identity(ADMIN), COLLECTION, Role.ADMINISTRATOR));
        RoleAssignment endpointWide = RoleAssignment.onEndpoint("new", identity(BOB), Role.ACTIVITY_MONITOR);

        assertThat(denial(authorizer.authorizeEndpointRoleChange(caller(ADMIN), endpointRoles, endpointWide)))
                .isEqualTo(Decision.Denial.MISSING_REQUIRED_ROLE);
    }

    @Test
    void endpointAdministratorManagesEndpointAndEveryCollection() {
        RoleAssignment endpointAdmin = RoleAssignment.onEndpoint("r1", identity(ADMIN), Role.ADMINISTRATOR);
        RoleAssignment endpointWide = RoleAssignment.onEndpoint("new", identity(BOB), Role.ACTIVITY_MONITOR);

        assertThat(authorizer.authorizeEndpointRoleChange(caller(ADMIN), List.of(endpointAdmin), endpointWide)
                .permitted()).isTrue();
        assertThat(authorizer.authorizeRoleChange(caller(ADMIN), collectionWith(endpointAdmin), target(Role.ADMINISTRATOR))
                .permitted()).isTrue();
        assertThat(denial(authorizer.authorizeEndpointRoleChange(caller(ADMIN), List.of(endpointAdmin),
                RoleAssignment.onEndpoint("new", identity(BOB), Role.OWNER)))).isEqualTo(Decision.Denial.PERMISSION_DENIED);
    }

    @Test
    void groupRolesApplyToMembersAndOtherCollectionsRolesDoNot() {
        String group = "55555555-5555-5555-5555-555555555555";
        CollectionView collection = collectionWith(
                RoleAssignment.onCollection("r1", RoleAssignment.GROUP_URN + group, COLLECTION, Role.ACTIVITY_MANAGER),
                RoleAssignment.onCollection("r2", identity(BOB), "some-other-collection", Role.ADMINISTRATOR));
        Caller member = Caller.authenticated(Set.of(BOB), Set.of(group), NOW);

        assertThat(authorizer.effectiveRoles(member, collection)).containsExactly(Role.ACTIVITY_MANAGER);
    }

    @Test
    void anonymousCallerCannotManageRoles() {
        assertThat(denial(authorizer.authorizeRoleChange(Caller.anonymous(), collectionWith(), target(Role.ACCESS_MANAGER))))
                .isEqualTo(Decision.Denial.AUTHENTICATION_REQUIRED);
    }

    @Test
    void roleChangeMustTargetTheGivenScope() {
        RoleAssignment elsewhere = RoleAssignment.onCollection("x", identity(BOB), "other", Role.ACCESS_MANAGER);

        assertThatThrownBy(() -> authorizer.authorizeRoleChange(caller(OWNER), collectionWith(), elsewhere))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> authorizer.authorizeEndpointRoleChange(caller(OWNER), List.of(), elsewhere))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rolePrincipalMustBeAnIdentityOrGroupUrn() {
        assertThatThrownBy(() -> RoleAssignment.onEndpoint("x", BOB, Role.ADMINISTRATOR))
                .hasMessageContaining("urn:globus:auth:identity:");
    }
}
