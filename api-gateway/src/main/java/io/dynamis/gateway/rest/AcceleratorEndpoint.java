package io.dynamis.gateway.rest;

import io.dynamis.core.protocol.AmzTarget;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import io.dynamis.gateway.accelerator.LocalItemHits;
import io.dynamis.gateway.config.GatewayConfig;
import io.dynamis.gateway.routing.AcceleratorDispatch;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
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
 * ({@link AcceleratorDispatch}), and GetItem hits answered in the gateway itself ({@link LocalItemHits}).
 * An application opts in as a DAX user does: by pointing its unchanged SDK
 * at this endpoint. Given a certificate and key ({@code quarkus.tls.key-store.pem.0.cert} and
 * {@code .key}, as the DynamoDB endpoint), it serves HTTPS.
 */
@ApplicationScoped
public class AcceleratorEndpoint {

    private static final Logger LOG = Logger.getLogger(AcceleratorEndpoint.class);

    /** Largest GetItem body read without the router (GetItem requests are a few hundred bytes). */
    private static final int SMALL_REQUEST_BYTES = 65_536;

    private final List<HttpServer> servers = new ArrayList<>();

    void start(@Observes @Plays(Role.GATEWAY) RoleStart event, Vertx vertx, DynamoDbApiRoute route, LocalItemHits localHits,
            GatewayConfig config,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1") String host,
            @ConfigProperty(name = "quarkus.tls.key-store.pem.0.cert") java.util.Optional<String> tlsCert,
            @ConfigProperty(name = "quarkus.tls.key-store.pem.0.key") java.util.Optional<String> tlsKey) throws Exception {
        Router router = Router.router(vertx);
        route.mount(router, AcceleratorDispatch::owner, localHits);
        Handler<HttpServerRequest> requests = request -> {
            if (isSmallGetItem(request, localHits)) {
                // the hot path of a read-heavy application: no router, no body handler
                request.body().onSuccess(body -> route.handle(request, body, AcceleratorDispatch::owner, localHits));
            } else {
                router.handle(request);
            }
        };
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(config.acceleratorPort())
                .setTcpNoDelay(true).setCompressionSupported(false);
        if (tlsCert.isPresent() && tlsKey.isPresent()) {
            // the same certificate as the DynamoDB endpoint (Quarkus' default TLS configuration)
            options.setSsl(true).setKeyCertOptions(new io.vertx.core.net.PemKeyCertOptions()
                    .setCertPath(tlsCert.get()).setKeyPath(tlsKey.get()));
        }
        for (int i = 0; i < instances; i++) {
            // one server per event loop: Vert.x spreads the connections of one port over them
            HttpServer server = vertx.createHttpServer(options).requestHandler(requests);
            servers.add(server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        }
        LOG.infof("Accelerator endpoint on %s://%s:%d", options.isSsl() ? "https" : "http", host, config.acceleratorPort());
    }

    /** A GetItem the gateway may answer itself, of a declared length well within the request limit. */
    private static boolean isSmallGetItem(HttpServerRequest request, LocalItemHits localHits) {
        if (request.method() != HttpMethod.POST || !"/".equals(request.path())
                || !localHits.handles(AmzTarget.parse(request.getHeader(AmzTarget.HEADER)))) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || length.isEmpty() || length.length() > 5 || !length.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Integer.parseInt(length) <= SMALL_REQUEST_BYTES;
    }

    void stop(@Observes @Plays(Role.GATEWAY) RoleStop event) {
        for (HttpServer server : servers) {
            server.close();
        }
    }
}
