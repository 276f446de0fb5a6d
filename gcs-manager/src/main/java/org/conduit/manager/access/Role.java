package org.conduit.manager.access;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * GCS roles ({@code role#1.0.0} values) and their powers, after the GCS endpoint and collection role
 * reference. {@code access_monitor} appears in the OpenAPI enum without documented powers and is not modelled.
 */
public enum Role {
    /**
     * The endpoint or collection owner. GCS lists the owner's powers as a subset of the administrator's; we
     * give the owner the administrator's set (the owner can always make themselves administrator anyway).
     * Owner is never granted or revoked through role assignments: ownership moves with {@code set-owner}.
     */
    OWNER("owner", EnumSet.allOf(Capability.class)),
    /** Everything: collection, roles, permissions, tasks, implicit {@code rw} on guest collections. */
    ADMINISTRATOR("administrator", EnumSet.allOf(Capability.class)),
    /**
     * Manages guest-collection permissions and has implicit {@code rw} there; cannot assign roles and does not
     * see a non-public collection document.
     */
    ACCESS_MANAGER("access_manager", EnumSet.of(Capability.VIEW_ACLS, Capability.MANAGE_ACLS,
            Capability.GUEST_READ_WRITE)),
    /** Sees the collection, views and controls its tasks, views its permissions. */
    ACTIVITY_MANAGER("activity_manager", EnumSet.of(Capability.VIEW_COLLECTION, Capability.VIEW_TASKS,
            Capability.CONTROL_TASKS, Capability.VIEW_ACLS)),
    /** The read-only subset: sees the collection and its tasks. */
    ACTIVITY_MONITOR("activity_monitor", EnumSet.of(Capability.VIEW_COLLECTION, Capability.VIEW_TASKS));

    private final String code;
    private final Set<Capability> capabilities;

    Role(String code, Set<Capability> capabilities) {
        this.code = code;
        this.capabilities = Collections.unmodifiableSet(capabilities);
    }

    public String code() {
        return code;
    }

    public Set<Capability> capabilities() {
        return capabilities;
    }

    public boolean can(Capability capability) {
        return capabilities.contains(capability);
    }

    public static Role fromCode(String code) {
        for (Role role : values()) {
            if (role.code.equals(code)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + code
                + "' (owner, administrator, access_manager, activity_manager, activity_monitor)");
    }
}
