package io.dynamis.cache.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.protocol.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** PutItem through the accelerator: written by item-service, then the item is cached (see {@link WriteThrough}). */
@ApplicationScoped
public class PutItem implements Operation {

    private final WriteThrough writes;

    public PutItem(WriteThrough writes) {
        this.writes = writes;
    }

    @Override
    public String name() {
        return "PutItem";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode request) {
        JsonNode table = request.get("TableName");
        JsonNode item = request.get("Item");
        if (table == null || !table.isTextual() || item == null || !item.isObject()) {
            return writes.passThrough(name(), request);
        }
        return writes.keyOfItem(table.textValue(), item).thenCompose(key -> key == null
                ? writes.passThrough(name(), request)
                : writes.write(name(), request, List.of(new WriteThrough.Touch(table.textValue(), key,
                        answer -> WriteThrough.Outcome.item(AttributeValueCodec.decodeItem(item))))));
    }
}
