package io.dynamis.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.AmzTarget;
import io.dynamis.core.protocol.WireResponses;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleRoutes;
import io.dynamis.gateway.accelerator.LocalItemHits;
import io.dynamis.gateway.auth.Security;
import io.dynamis.gateway.config.GatewayConfig;
import io.dynamis.gateway.partiql.PartiqlOperations;
import io.dynamis.gateway.routing.AcceleratorDispatch;
import io.dynamis.gateway.routing.DispatchTable;
import io.dynamis.gateway.routing.OwningService;
import io.dynamis.gateway.routing.ServiceClients;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.jboss.logging.Logger;

/**
 * The public DynamoDB endpoint: the JSON 1.0 protocol on {@code POST /}.
 *
 * <p>Every request takes the same path, in DynamoDB's order: read the body (within the size limit:
 * RequestEntityTooLargeException) → inflate it when gzip-encoded → check it is one JSON object (if not:
 * SerializationException; for a request forwarded to item-service, item-service checks it: {@link ForwardedJson}) → resolve {@code X-Amz-Target} through the {@link DispatchTable} (unknown:
 * UnknownOperationException) → check a signature is present ({@link SignaturePresence}) → in verify mode,
 * verify it and authorize the request ({@link Security}) → forward it
 * unchanged to the owning service → pass its answer back, gzip-encoded when the client accepts it. On
 * the accelerator endpoint a GetItem the gateway's near cache answers is answered here instead
 * ({@link LocalItemHits}).
 * Every answer, error or not, carries {@code x-amzn-RequestId}, the {@code x-amz-crc32} checksum of
 * the body as sent that SDKs verify, and the CORS headers when the request came from a browser.
 */
@ApplicationScoped
public class DynamoDbApiRoute {

    private static final Logger LOG = Logger.getLogger(DynamoDbApiRoute.class);

    private final ServiceClients services;
    private final GatewayConfig config;
    private final PartiqlOperations partiql;
    private final Security security;
    private final TableArnNames tableArns;

    public DynamoDbApiRoute(ServiceClients services, GatewayConfig config, PartiqlOperations partiql, Security security) {
        this.services = services;
        this.config = config;
        this.partiql = partiql;
        this.security = security;
        this.tableArns = new TableArnNames(security.arns());
    }

    void mount(@Observes @Plays(Role.GATEWAY) RoleRoutes routes) {
        Router router = routes.router();
        mount(router, DispatchTable::owner, null);
    }

    /**
     * Mounts the endpoint on a router, with the table that names each operation's owner: the
     * {@link DispatchTable} on the DynamoDB endpoint, {@link AcceleratorDispatch} on the accelerator's;
     * and, on the accelerator's, the hits the gateway answers itself ({@link LocalItemHits}, else null).
     */
    public void mount(Router router, Function<AmzTarget, OwningService> owners, LocalItemHits localHits) {
        router.options("/").handler(Cors::preflight);
        router.post("/").handler(BodyHandler.create(false).setBodyLimit(config.maxRequestBytes()));
        router.post("/").handler(ctx -> handle(ctx, owners, localHits)).failureHandler(this::bodyFailure);
        router.get("/").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain")
                .putHeader("x-amz-crc32", "0")
                .end("healthy: dynamodb." + config.region() + ".amazonaws.com "));
    }

    private void handle(RoutingContext ctx, Function<AmzTarget, OwningService> owners, LocalItemHits localHits) {
        handle(ctx.request(), ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer(), owners, localHits);
    }

    /**
     * Answers one request whose body has been read (within the size limit): the path every request takes,
     * from the router's body handler or, on the accelerator endpoint, straight from the server
     * ({@link AcceleratorEndpoint}).
     */
    void handle(HttpServerRequest request, Buffer rawBody, Function<AmzTarget, OwningService> owners,
            LocalItemHits localHits) {
        String requestId = RequestIds.next();
        HttpServerResponse response = request.response();
        response.putHeader("x-amzn-RequestId", requestId);
        response.putHeader("Content-Type", contentType(request));
        Cors.addHeaders(request, response);
        boolean gzip = ContentEncoding.acceptsGzip(request);
        String targetHeader = request.getHeader(AmzTarget.HEADER);
        AmzTarget target = AmzTarget.parse(targetHeader);
        Buffer body;
        OwningService owner;
        ObjectNode parsed = null;
        Security.Caller caller;
        TableArnNames.Naming naming = null;
        byte[] bytes = null;
        boolean jsonChecked = false;
        try {
            body = ContentEncoding.requestBody(request, rawBody, config.maxRequestBytes());
            owner = owners.apply(target);
            bytes = body.getBytes();
            // DynamoDB checks the JSON before the target; a request answered in this process (by the
            // gateway's hits or a role it plays) is parsed, once; one forwarded over HTTP is checked here,
            // or, when its owner parses it as it came, there (ForwardedJson: the same verdicts)
            if ((localHits != null && localHits.handles(target)) || (owner != null && isLocal(owner))) {
                parsed = Json.parseRequest(bytes);
                jsonChecked = true;
            } else if (!ForwardedJson.checkedByOwner(owner)) {
                Json.requireObject(bytes);
                jsonChecked = true;
            }
            if (owner == null && !isDescribeEndpoints(target)) {
                throw ApiError.unknownOperation(null);
            }
            SignaturePresence.check(request);
            caller = security.authenticate(request, rawBody);
            if (owner == null) {
                send(response, 200, Buffer.buffer(Json.toBytes(describeEndpoints(request))), gzip);
                return;
            }
            if (TableArnNames.mayNameByArn(bytes)) {
                // a table named by its ARN is named by its name from here on (before the policies see it)
                parsed = parsed == null ? Json.parseRequest(bytes) : parsed;
                naming = tableArns.resolve(target, parsed);
                body = naming == null ? body : Buffer.buffer(Json.toBytes(parsed));
            }
            if (caller != null && !caller.principal().root() && parsed == null) {
                parsed = Json.parseRequest(bytes);
            }
        } catch (ApiError e) {
            sendError(response, jsonChecked || bytes == null ? e : ForwardedJson.firstError(bytes, e), gzip);
            return;
        }
        TableArnNames.Naming named = naming;
        if (caller == null || caller.principal().root()) {
            dispatch(response, owner, target, targetHeader, requestId, body, parsed, gzip, localHits, named);
            return;
        }
        ObjectNode authorized = parsed;
        Buffer authorizedBody = body;
        security.authorize(caller, target, parsed, Security.source(request), request.isSSL()).onComplete(verdict -> {
            if (verdict.succeeded()) {
                dispatch(response, owner, target, targetHeader, requestId, authorizedBody, authorized, gzip, localHits,
                        named);
            } else {
                sendError(response, ApiError.answering(verdict.cause(), LOG, target), gzip);
            }
        });
    }

    /** Sends an authorized request on: to the gateway's own hits (accelerator GetItem) or to its owner. */
    private void dispatch(HttpServerResponse response, OwningService owner, AmzTarget target, String targetHeader,
            String requestId, Buffer body, ObjectNode parsed, boolean gzip, LocalItemHits localHits,
            TableArnNames.Naming naming) {
        if (parsed == null || localHits == null || !localHits.handles(target)) {
            forward(response, owner, target, targetHeader, requestId, body, parsed, gzip, naming);
            return;
        }
        ObjectNode hitRequest = parsed;
        Context eventLoop = Vertx.currentContext();
        CompletableFuture<byte[]> local = localHits.answer(hitRequest, task -> eventLoop.runOnContext(v -> task.run()));
        byte[] now = local.getNow(null);
        if (now != null) {
            send(response, 200, asNamed(naming, 200, Buffer.buffer(now)), gzip);
            return;
        }
        local.thenAccept(answer -> {
            if (answer != null) {
                send(response, 200, asNamed(naming, 200, Buffer.buffer(answer)), gzip);
            } else {
                forward(response, owner, target, targetHeader, requestId, body, hitRequest, gzip, naming);
            }
        });
    }

    /** True when the operation is executed in this process: by the gateway itself or a role it plays. */
    private boolean isLocal(OwningService owner) {
        return owner == OwningService.GATEWAY || services.isLocal(owner);
    }

    /**
     * Sends the request to its owner: the parsed request to the gateway's own operations (PartiQL) or a role
     * this process plays, else the body as it came.
     */
    private void forward(HttpServerResponse response, OwningService owner, AmzTarget target, String targetHeader,
            String requestId, Buffer body, ObjectNode parsed, boolean gzip, TableArnNames.Naming naming) {
        var answer = owner == OwningService.GATEWAY
                ? ServiceClients.answerOf(partiql.execute(target.operation(), parsed))
                : parsed != null && services.isLocal(owner)
                ? services.callLocal(owner, target.operation(), parsed)
                : services.forward(owner, targetHeader, requestId, body);
        answer.onComplete(result -> {
            if (result.succeeded()) {
                int status = result.result().status();
                send(response, status, asNamed(naming, status, result.result().body()), gzip);
            } else if (result.cause() instanceof ApiError error) {
                LOG.warnf("%s: %s", target, error.getMessage());
                // a body the owner was to check (ForwardedJson) that never got there: its verdict first
                sendError(response, ForwardedJson.firstError(body.getBytes(), error), gzip);
            } else {
                LOG.errorf(result.cause(), "%s failed", target);
                sendError(response, ApiError.internal("Internal server error"), gzip);
            }
        });
    }

    /** A successful answer to a request that named tables by ARN, with its tables named as the request named them. */
    private static Buffer asNamed(TableArnNames.Naming naming, int status, Buffer answer) {
        if (naming == null || status != 200) {
            return answer;
        }
        return Buffer.buffer(Json.toBytes(naming.restore(Json.parseRequest(answer.getBytes()))));
    }

    /** A body over the size limit (refused by the body handler) gets DynamoDB's error, not an empty 413. */
    private void bodyFailure(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        response.putHeader("x-amzn-RequestId", RequestIds.next());
        response.putHeader("Content-Type", contentType(ctx.request()));
        Cors.addHeaders(ctx.request(), response);
        if (ctx.statusCode() == 413) {
            sendError(response, ApiError.requestEntityTooLarge("Request Entity Too Large"), false);
        } else if (isMalformedHttp(ctx)) {
            LOG.debugf("malformed HTTP request: %s", ctx.failure());
            response.putHeader("Connection", "close").setStatusCode(400).end();
        } else {
            LOG.errorf(ctx.failure(), "request failed");
            sendError(response, ApiError.internal("Internal server error"), false);
        }
    }

    /**
     * A request HTTP itself refuses (no Host header in HTTP/1.1, an Expect the server does not know, a
     * request line without headers): Vert.x fails it with a client-error status or a VertxException while
     * reading it. It is answered 400 with no body, as any HTTP server answers it.
     */
    private static boolean isMalformedHttp(RoutingContext ctx) {
        int status = ctx.statusCode();
        return (status >= 400 && status < 500) || ctx.failure() instanceof io.vertx.core.VertxException;
    }

    /** DynamoDB answers in the content type it was asked in: {@code application/json} or the JSON 1.0 type. */
    private static String contentType(HttpServerRequest request) {
        String requested = request.getHeader("Content-Type");
        return requested != null && requested.startsWith("application/json") ? "application/json"
                : WireResponses.CONTENT_TYPE;
    }

    private static boolean isDescribeEndpoints(AmzTarget target) {
        return target != null && AmzTarget.DYNAMODB.equals(target.service())
                && "DescribeEndpoints".equals(target.operation());
    }

    private ObjectNode describeEndpoints(HttpServerRequest request) {
        ObjectNode answer = Json.object();
        String host = request.authority() == null ? "127.0.0.1" : request.authority().toString();
        answer.putArray("Endpoints").addObject().put("Address", host).put("CachePeriodInMinutes", 1440);
        return answer;
    }

    private static void sendError(HttpServerResponse response, ApiError error, boolean gzip) {
        send(response, error.status(), Buffer.buffer(Json.toBytes(error.toJson())), gzip);
    }

    private static void send(HttpServerResponse response, int status, Buffer body, boolean gzip) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (gzip && body.length() >= ContentEncoding.MIN_COMPRESSED_BYTES) {
            body = ContentEncoding.gzip(body);
            response.putHeader("Content-Encoding", "gzip");
        }
        CRC32 crc = new CRC32();
        crc.update(body.getByteBuf().nioBuffer());
        response.setStatusCode(status)
                .putHeader("x-amz-crc32", Long.toString(crc.getValue()))
                .end(body);
    }
}
