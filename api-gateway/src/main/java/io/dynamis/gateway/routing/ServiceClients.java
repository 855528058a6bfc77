package io.dynamis.gateway.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.AmzTarget;
import io.dynamis.core.protocol.PooledServiceClient;
import io.dynamis.core.protocol.InternalAuth;
import io.dynamis.core.roles.LocalChannel;
import io.dynamis.core.roles.ServiceChannel;
import io.dynamis.core.roles.ServiceChannels;
import io.dynamis.gateway.config.GatewayConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Forwards DynamoDB requests to the owning service: as a method call on its operation handler when this
 * process plays the service's role (the one-process topology: the body is parsed once, here, and nothing
 * is encoded in between), else over pooled keep-alive HTTP/1.1 connections, one pool per service instance,
 * the body passed through unparsed. A service that cannot be reached, or does not answer in time, is a 503
 * ServiceUnavailableException, which SDKs retry.
 *
 * <p>A service may have several instances (the members of cache-service): requests go to the one that
 * last served; when no connection to it can be made, the next one is tried, and serves from then on.
 * Only a request that was never sent moves on, so no write is ever sent twice.
 */
@ApplicationScoped
public class ServiceClients {

    /** A service's answer: its status and body, passed through unchanged. */
    public record Answer(int status, Buffer body) {
    }

    private record Endpoint(HttpClient client, String host, int port) {
    }

    /** The instances of one service, and which of them serves now. */
    private record Instances(List<Endpoint> endpoints, AtomicInteger current) {
    }

    private static final Logger LOG = Logger.getLogger(ServiceClients.class);

    private final Map<OwningService, Instances> services = new EnumMap<>(OwningService.class);
    private final Map<OwningService, ServiceChannel> operationChannels = new EnumMap<>(OwningService.class);
    private final ServiceChannels channels;
    private final long timeoutMillis;

    public ServiceClients(Vertx vertx, GatewayConfig config, ServiceChannels channels) {
        this.channels = channels;
        this.timeoutMillis = config.forwardTimeoutMillis();
        add(vertx, config, OwningService.ITEM, List.of(config.itemServiceUrl()));
        add(vertx, config, OwningService.QUERY, List.of(config.queryServiceUrl()));
        add(vertx, config, OwningService.CACHE, config.cacheServiceUrl());
        add(vertx, config, OwningService.BACKUP, List.of(config.backupServiceUrl()));
        for (OwningService service : new OwningService[] {OwningService.ITEM, OwningService.QUERY}) {
            String url = service == OwningService.ITEM ? config.itemServiceUrl() : config.queryServiceUrl();
            operationChannels.put(service, channels.to(service.role(), () -> new PooledServiceClient(vertx,
                    service.displayName(), url, config.connectionsPerService(), config.forwardTimeoutMillis())));
        }
    }

    /**
     * The channel to call item-service's or query-service's operations with a request object and get its
     * response object (or its error as an ApiError): what the gateway's own operations (PartiQL) execute
     * through. Method calls when this process plays the role, else HTTP.
     */
    public ServiceChannel channel(OwningService service) {
        ServiceChannel channel = operationChannels.get(service);
        if (channel == null) {
            throw new IllegalArgumentException("no operation channel to " + service);
        }
        return channel;
    }

    private void add(Vertx vertx, GatewayConfig config, OwningService service, List<String> urls) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String url : urls) {
            URI uri = URI.create(url.trim());
            HttpClientOptions options = new HttpClientOptions()
                    .setKeepAlive(true)
                    .setTcpNoDelay(true)
                    .setConnectTimeout(5000);
            PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.connectionsPerService());
            endpoints.add(new Endpoint(vertx.createHttpClient(options, pool), uri.getHost(), uri.getPort()));
        }
        services.put(service, new Instances(List.copyOf(endpoints), new AtomicInteger()));
    }

    /** Sends a DynamoDB request to the service; completes with its answer or fails with an ApiError. */
    public Future<Answer> forward(OwningService service, String target, String requestId, Buffer body) {
        LocalChannel local = channels.local(service.role());
        if (local != null) {
            ObjectNode request;
            try {
                request = Json.parseRequest(body.getBytes());
            } catch (ApiError e) {
                return Future.succeededFuture(errorAnswer(e));
            }
            return callLocal(local, AmzTarget.parse(target).operation(), request);
        }
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI("/")
                .setTimeout(timeoutMillis)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", target)
                .putHeader("x-amzn-RequestId", requestId);
        if (InternalAuth.token() != null) {
            request.putHeader(InternalAuth.HEADER, InternalAuth.token());
        }
        return connect(service, request)
                .compose(req -> req.send(body))
                .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b)))
                .recover(failure -> Future.failedFuture(ApiError.serviceUnavailable(
                        service.displayName() + " is not available: " + failure.getMessage())));
    }

    /** True when this process plays the service's role: its requests are method calls ({@link #callLocal}). */
    public boolean isLocal(OwningService service) {
        return channels.isLocal(service.role());
    }

    /**
     * Executes a parsed request on the handler of a role this process plays; an error is answered as the
     * service would answer it over HTTP.
     */
    public Future<Answer> callLocal(OwningService service, String operation, ObjectNode request) {
        return callLocal(channels.local(service.role()), operation, request);
    }

    private static Future<Answer> callLocal(LocalChannel local, String operation, ObjectNode request) {
        return answerOf(local.call(operation, request));
    }

    /**
     * The answer an operation executed in this process completes with (its error answered as a service would
     * answer it over HTTP), completed on the caller's Vert.x context.
     */
    public static Future<Answer> answerOf(CompletionStage<ObjectNode> execution) {
        Context context = Vertx.currentContext();
        Promise<Answer> answer = Promise.promise();
        execution.whenComplete((result, failure) -> {
            Answer made = failure == null ? new Answer(200, Buffer.buffer(Json.toBytes(result == null ? Json.object() : result)))
                    : errorAnswer(failure);
            if (context == null || Vertx.currentContext() == context) {
                answer.complete(made);
            } else {
                context.runOnContext(v -> answer.complete(made));
            }
        });
        return answer.future();
    }

    private static Answer errorAnswer(Throwable failure) {
        ApiError error = ApiError.answering(failure, LOG, "a request");
        return new Answer(error.status(), Buffer.buffer(Json.toBytes(error.toJson())));
    }

    /** Sends any HTTP request to every instance of the service (operator routes); one result per instance. */
    public Future<List<Answer>> each(OwningService service, HttpMethod method, String uri) {
        List<Future<Answer>> answers = new ArrayList<>();
        for (Endpoint endpoint : services.get(service).endpoints()) {
            RequestOptions request = new RequestOptions().setMethod(method).setHost(endpoint.host())
                    .setPort(endpoint.port()).setURI(uri).setTimeout(timeoutMillis);
            if (InternalAuth.token() != null) {
                request.putHeader(InternalAuth.HEADER, InternalAuth.token());
            }
            answers.add(endpoint.client().request(request)
                    .compose(HttpClientRequest::send)
                    .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b)))
                    .recover(failure -> Future.succeededFuture(new Answer(503, Buffer.buffer(
                            "{\"message\":\"" + endpoint.host() + ":" + endpoint.port() + " is not available\"}")))));
        }
        return Future.all(answers).map(all -> answers.stream().map(Future::result).toList());
    }

    /** A connection to the serving instance, or to the next one that accepts one. */
    private Future<HttpClientRequest> connect(OwningService service, RequestOptions request) {
        Instances instances = services.get(service);
        return connect(instances, request, instances.current().get(), instances.endpoints().size());
    }

    private Future<HttpClientRequest> connect(Instances instances, RequestOptions request, int index, int triesLeft) {
        Endpoint endpoint = instances.endpoints().get(index % instances.endpoints().size());
        request.setHost(endpoint.host()).setPort(endpoint.port());
        return endpoint.client().request(request).recover(failure -> {
            if (triesLeft <= 1) {
                return Future.failedFuture(failure);
            }
            int next = (index + 1) % instances.endpoints().size();
            instances.current().compareAndSet(index % instances.endpoints().size(), next);
            return connect(instances, request, next, triesLeft - 1);
        });
    }
}
