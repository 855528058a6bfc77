package io.dynamis.cache.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * TransactWriteItems through the accelerator: committed (or cancelled as a whole) by item-service; when
 * it committed, each Put item is cached, each Delete key cached as "no such item", and each Update's
 * entry dropped (its new state is not in the answer). A cancelled transaction changes nothing.
 */
@ApplicationScoped
public class TransactWriteItems implements Operation {

    private final WriteThrough writes;

    public TransactWriteItems(WriteThrough writes) {
        this.writes = writes;
    }

    @Override
    public String name() {
        return "TransactWriteItems";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode request) {
        JsonNode transactItems = request.get("TransactItems");
        if (transactItems == null || !transactItems.isArray()) {
            return writes.passThrough(name(), request);
        }
        List<CompletableFuture<WriteThrough.Touch>> touches = new ArrayList<>();
        for (JsonNode action : transactItems) {
            if (action.has("ConditionCheck")) {
                continue;
            }
            JsonNode put = action.path("Put");
            JsonNode body = put.isObject() ? put : action.has("Delete") ? action.path("Delete") : action.path("Update");
            JsonNode table = body.path("TableName");
            if (!table.isTextual()) {
                return writes.passThrough(name(), request);
            }
            if (put.isObject()) {
                Map<String, AttributeValue> item;
                try {
                    item = AttributeValueCodec.decodeItem(put.path("Item"));
                } catch (RuntimeException e) {
                    return writes.passThrough(name(), request);
                }
                touches.add(writes.keyOfItem(table.textValue(), put.path("Item")).toCompletableFuture().thenApply(key ->
                        key == null ? null : new WriteThrough.Touch(table.textValue(), key,
                                answer -> WriteThrough.Outcome.item(item))));
                continue;
            }
            Map<String, AttributeValue> key = KeyParameter.of(body.get("Key"));
            if (key == null) {
                return writes.passThrough(name(), request);
            }
            WriteThrough.Outcome outcome = action.has("Delete") ? WriteThrough.Outcome.NONE : WriteThrough.Outcome.UNKNOWN;
            touches.add(CompletableFuture.completedFuture(new WriteThrough.Touch(table.textValue(), key, answer -> outcome)));
        }
        return writes.writeAll(name(), request, touches);
    }
}
