package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.protocol.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisTransactPrepare}, internal: phase 1 of a transaction across shards on this shard. The
 * request is a TransactWriteItems of this shard's actions plus {@code TransactionId} and
 * {@code Coordinator} (the coordinator shard); it is planned exactly as a TransactWriteItems, and instead of
 * being applied it is stored as a prepared record whose items stay held until the decision (see
 * {@code io.dynamis.item.transaction}). A failed condition answers the TransactionCanceledException of this
 * part's actions.
 */
@ApplicationScoped
public class TransactPrepare implements Operation {

    private final TransactWriteItems transactions;

    public TransactPrepare(TransactWriteItems transactions) {
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return "DynamisTransactPrepare";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        String id = json.path("TransactionId").asText(null);
        if (id == null || !json.path("Coordinator").isInt()) {
            throw ApiError.validation("DynamisTransactPrepare needs a TransactionId and a Coordinator");
        }
        int coordinator = json.get("Coordinator").asInt();
        json.remove("TransactionId");
        json.remove("Coordinator");
        return transactions.execute(json, new TransactWriteItems.Prepare(id, coordinator));
    }
}
