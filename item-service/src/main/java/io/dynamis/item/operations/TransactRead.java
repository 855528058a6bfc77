package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.protocol.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisTransactRead}, internal: this shard's part of a TransactGetItems across shards, plus its
 * {@code TransactionId}. Read as a TransactGetItems, its items then held until the router releases them
 * ({@code DynamisTransactFinish}) once every shard read its part, or for a few seconds at most.
 */
@ApplicationScoped
public class TransactRead implements Operation {

    private final TransactGetItems reads;

    public TransactRead(TransactGetItems reads) {
        this.reads = reads;
    }

    @Override
    public String name() {
        return "DynamisTransactRead";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        String id = json.path("TransactionId").asText(null);
        if (id == null) {
            throw ApiError.validation("DynamisTransactRead needs a TransactionId");
        }
        json.remove("TransactionId");
        return reads.execute(json, id);
    }
}
