package org.conduit.manager.access;

import java.util.Optional;

/** What the caller wants to do. Data operations carry a path; administrative ones are checked against roles. */
public enum Operation {
    /**
     * List a directory. Permitted with {@link Access#TRAVERSE}; the lister must then show only the entries
     * for which {@link #STAT} is permitted.
     */
    LIST(Access.TRAVERSE, null),
    /** Stat a file or directory (also MLST, HEAD without body). Permitted with {@link Access#TRAVERSE}. */
    STAT(Access.TRAVERSE, null),
    /** Read file content: download, GET, RETR, transfer source. */
    READ(Access.READ, null),
    /** Any change: upload, mkdir, delete; rename is checked on both the old and the new path. */
    WRITE(Access.READ_WRITE, null),
    VIEW_COLLECTION(null, Capability.VIEW_COLLECTION),
    MODIFY_COLLECTION(null, Capability.MODIFY_COLLECTION),
    MANAGE_ROLES(null, Capability.MANAGE_ROLES),
    VIEW_ACLS(null, Capability.VIEW_ACLS),
    MANAGE_ACLS(null, Capability.MANAGE_ACLS),
    VIEW_TASKS(null, Capability.VIEW_TASKS),
    CONTROL_TASKS(null, Capability.CONTROL_TASKS),
    /**
     * Create a guest collection on a mapped collection; the request path is the proposed guest base path,
     * relative to the mapped collection root.
     */
    CREATE_GUEST_COLLECTION(null, null);

    private final Access required;
    private final Capability capability;

    Operation(Access required, Capability capability) {
        this.required = required;
        this.capability = capability;
    }

    public boolean isData() {
        return required != null;
    }

    /** Whether the request must carry a path. */
    public boolean needsPath() {
        return isData() || this == CREATE_GUEST_COLLECTION;
    }

    /** For data operations, the least access that permits them. */
    public Optional<Access> requiredAccess() {
        return Optional.ofNullable(required);
    }

    /** For administrative operations, the role capability that permits them. */
    public Optional<Capability> capability() {
        return Optional.ofNullable(capability);
    }
}
