package org.conduit.manager;

import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.conduit.identity.posix.LibcAccountLookup;
import org.conduit.manager.api.ApiErrors;
import org.conduit.manager.auth.AuthenticationConfig;
import org.conduit.manager.auth.AuthenticationException;
import org.conduit.manager.auth.LocalTokenIssuer;
import org.conduit.manager.auth.Principal;
import org.conduit.manager.auth.RevokedTokens;
import org.conduit.manager.auth.TokenAuthenticator;
import org.conduit.manager.config.ManagerSettings;
import java.time.Clock;
import org.conduit.manager.access.CollectionAuthorizer;
import org.conduit.manager.core.AclService;
import org.conduit.manager.core.CollectionAccess;
import org.conduit.manager.core.CollectionService;
import org.conduit.manager.core.FileOperations;
import org.conduit.manager.core.NodeService;
import org.conduit.manager.core.RoleService;
import org.conduit.manager.core.SharingPolicyService;
import org.conduit.manager.core.UploadLinks;
import org.conduit.manager.core.UserCredentialService;
import org.conduit.manager.resources.IdentityResource;
import org.conduit.manager.resources.NodeResource;
import org.conduit.manager.resources.RoleResource;
import org.conduit.manager.resources.SharingPolicyResource;
import org.conduit.manager.resources.UploadLinkResource;
import org.conduit.manager.resources.TransferResource;
import org.conduit.manager.resources.UserCredentialResource;
import org.conduit.manager.core.EndpointService;
import org.conduit.manager.core.Gateways;
import org.conduit.manager.core.NodeUrls;
import org.conduit.manager.core.Roles;
import org.conduit.manager.core.StorageGatewayService;
import org.conduit.manager.db.Database;
import org.conduit.manager.db.DbRevokedTokens;
import org.conduit.manager.db.DocumentStore;
import org.conduit.manager.resources.CollectionResource;
import org.conduit.manager.resources.EndpointResource;
import org.conduit.manager.resources.InfoResource;
import org.conduit.manager.resources.StorageGatewayResource;
import org.conduit.manager.web.AuthenticationFilter;
import org.conduit.manager.web.BodyLimitFilter;
import org.conduit.manager.web.Caller;
import org.conduit.manager.web.ErrorMappers;
import org.conduit.storage.spi.Connectors;
import org.jdbi.v3.core.Jdbi;

/**
 * The endpoint manager assembled: persistence, the authenticate step, gateways, services and the REST
 * resources. The node process creates one and registers it with Jersey.
 */
public final class Manager implements Managed {
    private static final Duration ADMIN_TOKEN_LIFETIME = Duration.ofDays(365);
    private static final String MANAGER_VERSION = "0.1.0";
    /** Stored record of what first start created. */
    private static final String BOOTSTRAP = "bootstrap";

    private final Jdbi jdbi;
    private final DocumentStore store;
    private final Roles roles;
    private final Gateways gateways;
    private final EndpointService endpoint;
    private final StorageGatewayService storageGateways;
    private final CollectionService collections;
    private final RoleService roleService;
    private final UserCredentialService credentials;
    private final AclService acl;
    private final FileOperations files;
    private final NodeService nodes;
    private final SharingPolicyService sharingPolicies;
    private final UploadLinks uploadLinks;
    private final Supplier<NodeUrls> urls;
    private final String localDomain;
    private final LocalTokenIssuer tokens;
    private final TokenAuthenticator authenticator;
    private final RevokedTokens revokedTokens;
    private final String defaultCollectionId;
    private final String firstStartAdminToken;

    private Manager(DataSource dataSource, ObjectMapper json, ManagerSettings settings, AuthenticationConfig auth,
                    Path keyDirectory, Supplier<NodeUrls> urls, Path home) throws IOException {
        jdbi = Database.jdbi(dataSource);
        store = new DocumentStore(jdbi, json);
        roles = new Roles(store);
        gateways = new Gateways(Connectors.discover(Manager.class.getClassLoader()), new LibcAccountLookup());
        endpoint = new EndpointService(store, roles, urls);
        storageGateways = new StorageGatewayService(store, roles, gateways);
        CollectionAuthorizer authorizer = new CollectionAuthorizer(Clock.systemUTC());
        collections = new CollectionService(store, roles, storageGateways, authorizer, urls);
        roleService = new RoleService(store, roles, collections, authorizer);
        credentials = new UserCredentialService(store, roles, storageGateways);
        acl = new AclService(store, collections);
        files = new FileOperations(collections.access());
        nodes = new NodeService(store, roles);
        sharingPolicies = new SharingPolicyService(store, collections);
        uploadLinks = new UploadLinks(jdbi, collections, keyDirectory);
        this.urls = urls;
        localDomain = settings.localIdentityDomain();
        boolean firstStart = store.all("endpoint").isEmpty();
        String endpointId = endpoint.ensure(settings.displayName());
        tokens = new LocalTokenIssuer(keyDirectory, "https://" + settings.publicHost() + "/" + endpointId,
            endpointId, settings.localIdentityDomain());
        revokedTokens = new DbRevokedTokens(jdbi);
        authenticator = new TokenAuthenticator(auth, tokens, revokedTokens);
        String admin = "admin@" + settings.localIdentityDomain();
        if (firstStart) {
            roles.grant(Roles.IDENTITY_URN + Principal.identityId(admin), null, "owner");
        }
        defaultCollectionId = ensureDefaultCollection(settings, home, Principal.identityId(admin).toString());
        firstStartAdminToken = firstStart ? tokens.issue(admin, ADMIN_TOKEN_LIFETIME) : null;
    }

    public static Manager start(DataSource dataSource, ObjectMapper json, ManagerSettings settings,
                                AuthenticationConfig auth, Path keyDirectory, Supplier<NodeUrls> urls, Path home) {
        try {
            return new Manager(dataSource, json, settings, auth, keyDirectory, urls, home);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the endpoint manager: " + e.getMessage(), e);
        }
    }

    /**
     * The one-command endpoint's POSIX gateway (users of the local identity domain, domain stripped) and its
     * mapped collection on a local folder, made once; their ids are remembered, not guessed from listings.
     */
    private String ensureDefaultCollection(ManagerSettings settings, Path home, String ownerId) throws IOException {
        Optional<DocumentStore.Stored> remembered = store.get(BOOTSTRAP, "default");
        if (remembered.isPresent()) {
            return remembered.get().body().path("collection_id").asText();
        }
        ObjectNode gateway = JsonNodeFactory.instance.objectNode();
        gateway.put("display_name", "Local POSIX storage");
        gateway.put("connector_id", gateways.provider("posix").gcsConnectorId());
        gateway.putArray("allowed_domains").add(settings.localIdentityDomain());
        gateway.put("require_mfa", false);
        gateway.put("admin_managed_credentials", false);
        String gatewayId = java.util.UUID.randomUUID().toString();
        gateways.validate(gatewayId, gateway);
        store.insert("storage_gateway", gatewayId, null, ownerId, gateway);
        Path data = Path.of(settings.defaultCollectionPath() != null ? settings.defaultCollectionPath()
            : home.resolve("data").toString());
        Files.createDirectories(data);
        String collectionId = collections.createDefault(gatewayId, data.toString(), ownerId);
        ObjectNode ids = JsonNodeFactory.instance.objectNode().put("storage_gateway_id", gatewayId)
            .put("collection_id", collectionId);
        store.insert(BOOTSTRAP, "default", null, null, ids);
        return collectionId;
    }

    public void register(JerseyEnvironment jersey) {
        jersey.register(new BodyLimitFilter());
        jersey.register(new AuthenticationFilter(this::authenticate));
        jersey.register(new ErrorMappers.Api());
        jersey.register(new ErrorMappers.Storage());
        jersey.register(new ErrorMappers.Json());
        jersey.register(new ErrorMappers.Web());
        jersey.register(new ErrorMappers.Unexpected());
        jersey.register(new InfoResource(endpoint, MANAGER_VERSION));
        jersey.register(new EndpointResource(endpoint));
        jersey.register(new StorageGatewayResource(storageGateways));
        jersey.register(new CollectionResource(collections));
        jersey.register(new RoleResource(roleService));
        jersey.register(new UserCredentialResource(credentials));
        jersey.register(new IdentityResource(tokens, authenticator, revokedTokens, roles, localDomain));
        jersey.register(new TransferResource(acl, files));
        jersey.register(new NodeResource(nodes));
        jersey.register(new SharingPolicyResource(sharingPolicies));
        jersey.register(new UploadLinkResource(uploadLinks, () -> urls.get().httpsUrl()));
    }

    /** The authenticate step for HTTP requests (the REST API and the HTTPS mover): a 401 ApiException if refused. */
    public Caller authenticate(String header) {
        try {
            Principal p = authenticator.authenticate(header);
            Set<String> ids = new HashSet<>();
            ids.add(p.id());
            p.linkedIdentities().forEach(i -> ids.add(i.id()));
            return new Caller(p.identity(), ids, new HashSet<>(p.groups()), p.authTime());
        } catch (AuthenticationException e) {
            throw ApiErrors.unauthorized(e.getMessage());
        }
    }

    public String endpointId() {
        return endpoint.id();
    }

    public String defaultCollectionId() {
        return defaultCollectionId;
    }

    public Optional<String> firstStartAdminToken() {
        return Optional.ofNullable(firstStartAdminToken);
    }

    /** Records the running node in {@code /api/nodes}. */
    public void registerNode(String nodeId, java.util.List<String> addresses) {
        nodes.register(nodeId, addresses);
    }

    /** Upload links, for the mover that serves them. */
    public UploadLinks uploadLinks() {
        return uploadLinks;
    }

    /** The Transfer file operations (listings, mkdir, delete) the HTTPS mover shares with the REST API. */
    public FileOperations files() {
        return files;
    }

    /** The authenticate -> map -> authorize -> open path for the movers. */
    public CollectionAccess collectionAccess() {
        return collections.access();
    }

    public LocalTokenIssuer tokens() {
        return tokens;
    }

    public HealthCheck databaseHealth() {
        return new HealthCheck() {
            @Override
            protected Result check() {
                jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
                return Result.healthy();
            }
        };
    }

    @Override
    public void start() {
        // everything is ready once constructed
    }

    @Override
    public void stop() {
        gateways.close();
    }
}
