/**
 * Access decisions: the one place where the endpoint decides who may do what (architecture step 3,
 * Authorize). Pure logic: no I/O, no database, no framework.
 *
 * <p>Entry point: {@link org.conduit.manager.access.CollectionAuthorizer#authorize} with an
 * {@link org.conduit.manager.access.AccessRequest}; role assignment changes go through
 * {@link org.conduit.manager.access.CollectionAuthorizer#authorizeRoleChange} and
 * {@link org.conduit.manager.access.CollectionAuthorizer#authorizeEndpointRoleChange}; new guest permissions
 * through {@link org.conduit.manager.access.GuestAcl#validateNew}. The building blocks have GCS semantics:
 * {@link org.conduit.manager.access.PathRestrictions} ({@code path_restrictions#1.0.0}),
 * {@link org.conduit.manager.access.GuestAcl} (Transfer permissions), {@link org.conduit.manager.access.Role}.
 */
package org.conduit.manager.access;
