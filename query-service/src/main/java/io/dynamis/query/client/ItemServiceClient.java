package io.dynamis.query.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.shard.ShardRouter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What query-service asks item-service, through the router (core's {@link ShardRouter}, the only way to
 * item-service): Query and Scan through its internal {@code DynamisReadItems} operation (a Query on the
 * shard of its partition, a Scan over every shard, merged into DynamoDB pages), each shard's durable
 * sequence, and the catalog calls of {@link io.dynamis.query.catalog.CatalogClient}. An answer is its
 * DynamoDB response body; an error item-service answered is an {@link ApiError} (passed to the client
 * unchanged); item-service unreachable or too slow is a 503 ServiceUnavailableException, which SDKs retry.
 */
@ApplicationScoped
public class ItemServiceClient {

    /** The internal operation of item-service that tells its last durable sequence number. */
    static final String DURABLE_SEQUENCE = "DynamisDurableSequence";

    private final ShardRouter router;

    public ItemServiceClient(ShardRouter router) {
        this.router = router;
    }

    /** Executes any operation of item-service, waiting for its answer (never call this on an event loop). */
    public ObjectNode callAndWait(String operation, ObjectNode request) {
        return router.items().callAndWait(operation, request);
    }

    /**
     * Each shard's last durable change-log sequence number, {@code {shard, sequence}}: every write it
     * acknowledged before this call is at or below it (its internal {@code DynamisDurableSequence}, which
     * does not go through its writer; a method call in one process, one HTTP round trip per shard otherwise,
     * all at once).
     */
    public CompletionStage<List<long[]>> durableSequences() {
        List<CompletableFuture<long[]>> answers = new ArrayList<>();
        for (int shard = 0; shard < router.shardCount(); shard++) {
            answers.add(router.shard(shard).call(DURABLE_SEQUENCE, Json.object()).toCompletableFuture()
                    .thenApply(answer -> new long[] {answer.path("Shard").asLong(), answer.path("DurableSequence").asLong()}));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(done -> answers.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Executes a Query or Scan (named by {@code operation}) on item-service; completes with the page, or
     * fails with an {@link ApiError}.
     */
    public CompletionStage<ObjectNode> read(String operation, ObjectNode request) {
        return read(operation, request, false);
    }

    /**
     * {@link #read}; {@code forClient}: the page is written straight to the client, so its whole items may
     * come as their stored JSON bytes ({@link ShardRouter#RAW_ITEMS}), which are serialized as they are,
     * never decoded.
     */
    public CompletionStage<ObjectNode> read(String operation, ObjectNode request, boolean forClient) {
        ObjectNode body = Json.object();
        body.put("Operation", operation);
        body.set("Request", request);
        if (forClient) {
            body.put(ShardRouter.RAW_ITEMS, true);
        }
        return router.items().call(ShardRouter.READ_ITEMS, body);
    }
}
