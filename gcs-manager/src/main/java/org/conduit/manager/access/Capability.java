package org.conduit.manager.access;

/** What a role lets its holder do on the collections it applies to (GCS role reference). */
public enum Capability {
    /** See the collection document even when it is not public. */
    VIEW_COLLECTION,
    /** Change or delete the collection. */
    MODIFY_COLLECTION,
    /** View, add and delete role assignments. */
    MANAGE_ROLES,
    /** View a guest collection's permissions. */
    VIEW_ACLS,
    /** Add, change and delete a guest collection's permissions. */
    MANAGE_ACLS,
    /** View tasks and events to or from the collection. */
    VIEW_TASKS,
    /** Pause, resume and cancel tasks to or from the collection. */
    CONTROL_TASKS,
    /** Implicit {@code rw} on {@code /} of a guest collection, listed in its ACL with the role's id. */
    GUEST_READ_WRITE
}
