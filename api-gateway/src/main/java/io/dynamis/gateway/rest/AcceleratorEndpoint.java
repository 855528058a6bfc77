package io.dynamis.gateway.rest;

import io.dynamis.gateway.config.GatewayConfig;
import io.dynamis.gateway.routing.AcceleratorDispatch;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The accelerator endpoint ({@code :8111}, DAX's port): the same DynamoDB API on a listener of its own,
 * taking the same path as {@code :8000} ({@link DynamoDbApiRoute}: size limit, gzip, JSON check,
 * signature, CRC32), but with the item and query operations owned by cache-service
 * ({@link AcceleratorDispatch}). An application opts in as a DAX user does: by pointing its unchanged SDK
 * at this endpoint.
 */
@ApplicationScoped
public class AcceleratorEndpoint {

    private static final Logger LOG = Logger.getLogger(AcceleratorEndpoint.class);

    private final List<HttpServer> servers = new ArrayList<>();

    void start(@Observes StartupEvent event, Vertx vertx, DynamoDbApiRoute route, GatewayConfig config,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1") String host) throws Exception {
        Router router = Router.router(vertx);
        route.mount(router, AcceleratorDispatch::owner);
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(config.acceleratorPort())
                .setTcpNoDelay(true).setCompressionSupported(false);
        for (int i = 0; i < instances; i++) {
            // one server per event loop: Vert.x spreads the connections of one port over them
            HttpServer server = vertx.createHttpServer(options).requestHandler(router);
            servers.add(server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        }
        LOG.infof("Accelerator endpoint on http://%s:%d", host, config.acceleratorPort());
    }

    void stop(@Observes ShutdownEvent event) {
        for (HttpServer server : servers) {
            server.close();
        }
    }
}
