package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.item.config.ItemServiceConfig;
import io.dynamis.item.storage.StoreWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisDurableSequence}, internal: the last sequence number of this shard's change log that is
 * durable, {@code {"Shard", "DurableSequence"}}. Every write acknowledged before the call has a sequence
 * number at or below it (the writer publishes it before answering a commit's writes). Read without the
 * writer (unlike {@link LogPosition}), so it answers on the event loop at once; query-service asks it
 * before reading a global secondary index, to wait until its indexes have applied that much.
 */
@ApplicationScoped
public class DurableSequence implements Operation {

    private final StoreWriter writer;
    private final int shard;

    public DurableSequence(StoreWriter writer, ItemServiceConfig config) {
        this.writer = writer;
        this.shard = config.shard();
    }

    @Override
    public String name() {
        return "DynamisDurableSequence";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode request) {
        ObjectNode response = Json.object();
        response.put("Shard", shard);
        response.put("DurableSequence", writer.durableSequence());
        return CompletableFuture.completedFuture(response);
    }

    @Override
    public boolean blocking() {
        return false;
    }
}
