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
 * BatchWriteItem through the accelerator: written by item-service, then each put item is cached and
 * each deleted key cached as "no such item"; a request item returned in {@code UnprocessedItems} was not
 * written and changes nothing (see {@link WriteThrough}).
 */
@ApplicationScoped
public class BatchWriteItem implements Operation {

    private final WriteThrough writes;

    public BatchWriteItem(WriteThrough writes) {
        this.writes = writes;
    }

    @Override
    public String name() {
        return "BatchWriteItem";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode request) {
        JsonNode requestItems = request.get("RequestItems");
        if (requestItems == null || !requestItems.isObject()) {
            return writes.passThrough(name(), request);
        }
        List<CompletableFuture<WriteThrough.Touch>> touches = new ArrayList<>();
        var tables = requestItems.fields();
        while (tables.hasNext()) {
            var table = tables.next();
            if (!table.getValue().isArray()) {
                return writes.passThrough(name(), request);
            }
            for (JsonNode write : table.getValue()) {
                JsonNode put = write.path("PutRequest").path("Item");
                JsonNode delete = write.path("DeleteRequest").path("Key");
                if (put.isObject()) {
                    Map<String, AttributeValue> item;
                    try {
                        item = AttributeValueCodec.decodeItem(put);
                    } catch (RuntimeException e) {
                        return writes.passThrough(name(), request);
                    }
                    touches.add(writes.keyOfItem(table.getKey(), put).toCompletableFuture().thenApply(key -> key == null
                            ? null : touch(table.getKey(), key, WriteThrough.Outcome.item(item))));
                } else if (KeyParameter.of(delete) != null) {
                    touches.add(CompletableFuture.completedFuture(
                            touch(table.getKey(), KeyParameter.of(delete), WriteThrough.Outcome.NONE)));
                } else {
                    return writes.passThrough(name(), request);
                }
            }
        }
        return writes.writeAll(name(), request, touches);
    }

    /** The item's outcome: as written, unless item-service handed it back unprocessed. */
    private static WriteThrough.Touch touch(String table, Map<String, AttributeValue> key, WriteThrough.Outcome written) {
        return new WriteThrough.Touch(table, key, answer -> {
            for (JsonNode write : answer.path("UnprocessedItems").path(table)) {
                JsonNode put = write.path("PutRequest").path("Item");
                JsonNode delete = write.path("DeleteRequest").path("Key");
                Map<String, AttributeValue> itemOrKey = AttributeValueCodec.decodeItem(put.isObject() ? put : delete);
                if (itemOrKey.entrySet().containsAll(key.entrySet())) {
                    return WriteThrough.Outcome.UNKNOWN;
                }
            }
            return written;
        });
    }
}
