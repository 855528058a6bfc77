package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.item.transaction.PreparedTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisTransactFinish}, internal: {@code {"TransactionId", "Commit"}}. Applies ({@code Commit}
 * true) or drops this shard's prepared part of a cross-shard transaction and releases its items (a read's
 * too); answers once that is durable. Nothing prepared: nothing to do (a repeat is answered the same).
 */
@ApplicationScoped
public class TransactFinish implements Operation {

    private final PreparedTransactions prepared;

    public TransactFinish(PreparedTransactions prepared) {
        this.prepared = prepared;
    }

    @Override
    public String name() {
        return "DynamisTransactFinish";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        String id = json.path("TransactionId").asText(null);
        if (id == null || !json.path("Commit").isBoolean()) {
            throw ApiError.validation("DynamisTransactFinish needs a TransactionId and Commit");
        }
        return prepared.finish(id, json.get("Commit").asBoolean()).thenApply(done -> Json.object());
    }
}
