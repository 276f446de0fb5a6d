/**
 * Federated identities to local accounts, with Globus Connect Server v5 semantics.
 *
 * <p>Entry point per storage gateway: {@link org.conduit.identity.GatewayIdentityMapper}, built from a
 * {@link org.conduit.identity.GatewayMappingConfig}. Single mapping documents
 * ({@code expression_identity_mapping#1.0.0}, {@code external_identity_mapping#1.0.0}) load through
 * {@link org.conduit.identity.IdentityMapping#fromDocument}. X.509 DN mapping for GSI uses
 * {@link org.conduit.identity.gridmap.GridmapFile}; local account checks use
 * {@link org.conduit.identity.posix.AccountLookup}. Every failure is an
 * {@link org.conduit.identity.IdentityMappingException} with a machine-readable reason. This module
 * depends on no other Conduit module.
 */
package org.conduit.identity;
