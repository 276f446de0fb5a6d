package org.conduit.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.conduit.manager.Manager;
import org.conduit.node.https.HttpsMover;
import org.conduit.node.https.UploadLinkServlet;
import org.conduit.node.https.TusServlet;
import org.conduit.node.https.TusUploads;
import org.conduit.manager.core.NodeUrls;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node daemon: one process with the endpoint manager, (soon) the data movers, and every connector on the
 * class path. {@code conduit-node serve [--home DIR]} prepares the home folder on first start and runs.
 */
public final class ConduitNode extends Application<NodeConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(ConduitNode.class);

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            String homeArg = null;
            String host = null;
            for (int i = 1; i < args.length; i++) {
                boolean known = args[i].equals("--home") || args[i].equals("--public-host");
                if (!known || i + 1 == args.length) {
                    System.err.println("conduit: " + (known ? args[i] + " needs a value" : "unknown option " + args[i])
                        + "; usage: conduit serve [--home DIR] [--public-host NAME]");
                    System.exit(2);
                }
                if (args[i].equals("--home")) {
                    homeArg = args[++i];
                } else {
                    host = args[++i];
                }
            }
            Home home = Home.locate(homeArg);
            Path config = home.prepare(host != null ? host : InetAddress.getLocalHost().getHostName());
            new ConduitNode().run("server", config.toString());
        } else {
            new ConduitNode().run(args);
        }
    }

    @Override
    public String getName() {
        return "conduit";
    }

    @Override
    public void initialize(Bootstrap<NodeConfiguration> bootstrap) {
        // nothing: every part is wired in run()
    }

    @Override
    public void run(NodeConfiguration config, Environment environment) {
        Home home = config.home();
        ManagedDataSource dataSource = config.database().build(environment.metrics(), "database");
        environment.lifecycle().manage(dataSource);
        String host = config.manager().publicHost();
        // Ports are known once Jetty listens; URLs are derived then (port 0 in tests).
        int[] ports = new int[1];
        Manager manager = Manager.start(dataSource, environment.getObjectMapper(), config.manager(),
            config.authentication(), home.dir().resolve("keys"), () -> urlsFor(host, ports[0]), home.dir());
        environment.lifecycle().manage(manager);
        manager.register(environment.jersey());
        environment.servlets().addServlet("https-mover", new HttpsMover(manager)).addMapping("/c/*");
        environment.servlets().addServlet("upload-links", new UploadLinkServlet(manager)).addMapping("/l/*");
        // The manager has migrated the schema; the tus state is one more table in the same database.
        environment.servlets().addServlet("tus", new TusServlet(manager, new TusUploads(Jdbi.create(dataSource))))
            .addMapping("/tus/*");
        environment.healthChecks().register("database", manager.databaseHealth());
        exposePrometheusMetrics(environment);
        manager.firstStartAdminToken().ifPresent(token -> announceAdminToken(home, token));
        manager.registerNode(home.nodeId(), addresses(host));
        environment.lifecycle().addServerLifecycleListener(server -> {
            ports[0] = applicationPort(server);
            writeEndpointJson(home, manager, urlsFor(host, ports[0]));
            LOG.info("Conduit endpoint {} is up: {}", manager.endpointId(), urlsFor(host, ports[0]).managerUrl());
        });
    }

    /** Every Dropwizard metric in Prometheus text format at {@code /metrics/prometheus} on the admin port. */
    private static void exposePrometheusMetrics(Environment environment) {
        PrometheusRegistry registry = new PrometheusRegistry();
        DropwizardExports.builder().dropwizardRegistry(environment.metrics()).register(registry);
        environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(registry))
            .addMapping("/metrics/prometheus");
    }

    private static NodeUrls urlsFor(String host, int port) {
        String base = "https://" + host + ":" + port;
        return new NodeUrls(base, base, "gsiftp://" + host + ":2811");
    }

    private static int applicationPort(Server server) {
        return Arrays.stream(server.getConnectors()).filter(c -> c instanceof NetworkConnector)
            .map(c -> (NetworkConnector) c).filter(c -> !"admin".equals(c.getName()))
            .mapToInt(NetworkConnector::getLocalPort).findFirst().orElseThrow();
    }

    /** The addresses clients can reach this node on: the public host and every non-loopback interface address. */
    private static java.util.List<String> addresses(String publicHost) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        try {
            for (InetAddress a : InetAddress.getAllByName(publicHost)) {
                out.add(a.getHostAddress());
            }
            for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp() && !nic.isLoopback()) {
                    nic.inetAddresses().map(InetAddress::getHostAddress).filter(a -> !a.contains("%")).forEach(out::add);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list this node's addresses: {}", e.getMessage());
        }
        return out.isEmpty() ? java.util.List.of("127.0.0.1") : java.util.List.copyOf(out);
    }

    /** Printed once, on first start; afterwards it is only in admin.token (0600). */
    private static void announceAdminToken(Home home, String token) {
        Path file = home.dir().resolve(Home.ADMIN_TOKEN);
        writePrivate(file, token + "\n");
        System.out.println();
        System.out.println("  Administrator token (shown once; also saved 0600 in " + file + "):");
        System.out.println();
        System.out.println("    " + token);
        System.out.println();
    }

    private static void writeEndpointJson(Home home, Manager manager, NodeUrls urls) {
        ObjectNode doc = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        doc.put("endpoint_id", manager.endpointId());
        doc.put("manager_url", urls.managerUrl());
        doc.put("transfer_url", urls.managerUrl());
        doc.put("https_url", urls.httpsUrl());
        doc.put("gridftp_url", urls.gridftpUrl());
        doc.put("ca_cert", home.dir().resolve("tls/ca.pem").toString());
        doc.put("admin_token_file", home.dir().resolve(Home.ADMIN_TOKEN).toString());
        doc.put("default_collection_id", manager.defaultCollectionId());
        doc.put("default_collection_url", urls.httpsUrl() + "/c/" + manager.defaultCollectionId());
        Path target = home.dir().resolve(Home.ENDPOINT_JSON);
        try {
            Path tmp = Files.createTempFile(home.dir(), "endpoint", ".json");
            Files.writeString(tmp, doc.toPrettyString() + "\n");
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static void writePrivate(Path file, String content) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
