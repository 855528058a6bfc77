package io.dynamis.gateway.accelerator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.cache.CacheKeys;
import io.dynamis.core.cache.CachedGetItem;
import io.dynamis.core.cache.ItemEntry;
import io.dynamis.core.protocol.AmzTarget;
import io.dynamis.core.protocol.GetItemRequest;
import io.dynamis.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * GetItem hits answered by the gateway itself on the accelerator endpoint, from its near cache of the
 * item cache ({@link CacheClusterClient}): a hit skips the hop to cache-service and is answered on the
 * event loop that read the request, in microseconds. The answer is the one cache-service would give
 * ({@link CachedGetItem}). Anything else goes on to cache-service, which then answers as before: a
 * strongly consistent read, a request it would refuse, a key the cluster holds no answering entry for
 * (a miss, a fill in progress, an expired entry), or a client not connected to the cluster.
 */
@ApplicationScoped
public class LocalItemHits {

    private static final CompletableFuture<byte[]> PASS = CompletableFuture.completedFuture(null);

    private final CacheClusterClient cluster;
    private final boolean enabled;
    private final LongAdder hits = new LongAdder();
    private final LongAdder passes = new LongAdder();

    public LocalItemHits(CacheClusterClient cluster, GatewayConfig config, MeterRegistry registry) {
        this.cluster = cluster;
        this.enabled = config.accelerator().localHits();
        FunctionCounter.builder("dynamis.accelerator.gateway.hits", hits, LongAdder::sum)
                .description("GetItem requests of the accelerator endpoint answered by the gateway's near cache")
                .register(registry);
        FunctionCounter.builder("dynamis.accelerator.gateway.passes", passes, LongAdder::sum)
                .description("GetItem requests of the accelerator endpoint the gateway passed on to cache-service")
                .register(registry);
        Gauge.builder("dynamis.accelerator.gateway.near.cache.entries", cluster, c -> c.nearCacheTotals().entries())
                .description("Item-cache entries held by the gateway's near cache").register(registry);
        Gauge.builder("dynamis.accelerator.gateway.connected", cluster, c -> c.connected() ? 1 : 0)
                .description("1 while the gateway is connected to cache-service's cluster").register(registry);
    }

    /** Whether the gateway may answer this operation itself (GetItem). */
    public boolean handles(AmzTarget target) {
        return enabled && target != null && AmzTarget.DYNAMODB.equals(target.service())
                && "GetItem".equals(target.operation());
    }

    /**
     * The answer's bytes when the item cache answers this GetItem, or null when cache-service must.
     * Complete at once when the near cache holds the key; otherwise the entry is fetched from its member
     * and the future completes on {@code continueOn}.
     */
    public CompletableFuture<byte[]> answer(ObjectNode json, Executor continueOn) {
        if (!cluster.connected()) {
            return pass();
        }
        GetItemRequest request;
        CompletableFuture<byte[]> read;
        try {
            request = GetItemRequest.parse(json);
            if (request.consistent()) {
                return pass();
            }
            read = cluster.itemMap(request.tableName()).getAsync(CacheKeys.item(request.key())).toCompletableFuture();
        } catch (RuntimeException notHere) {
            return pass(); // refused (cache-service answers DynamoDB's error) or not connected any more
        }
        if (read.isDone()) {
            return CompletableFuture.completedFuture(read.isCompletedExceptionally() ? passed() : answerOf(request, read.join()));
        }
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        read.whenCompleteAsync((entry, failure) -> answer.complete(failure != null ? passed() : answerOf(request, entry)),
                continueOn);
        return answer;
    }

    private byte[] answerOf(GetItemRequest request, byte[] entry) {
        if (!ItemEntry.answers(entry, System.currentTimeMillis())) {
            return passed();
        }
        hits.increment();
        return CachedGetItem.answerBytes(request, entry);
    }

    private CompletableFuture<byte[]> pass() {
        passes.increment();
        return PASS;
    }

    private byte[] passed() {
        passes.increment();
        return null;
    }

    /** GetItem requests answered here since the gateway started. */
    public long hits() {
        return hits.sum();
    }

    /** GetItem requests passed on to cache-service since the gateway started. */
    public long passes() {
        return passes.sum();
    }
}
