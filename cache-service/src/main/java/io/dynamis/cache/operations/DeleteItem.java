package io.dynamis.cache.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** DeleteItem through the accelerator: deleted by item-service, then cached as "no such item" (see {@link WriteThrough}). */
@ApplicationScoped
public class DeleteItem implements Operation {

    private final WriteThrough writes;

    public DeleteItem(WriteThrough writes) {
        this.writes = writes;
    }

    @Override
    public String name() {
        return "DeleteItem";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode request) {
        JsonNode table = request.get("TableName");
        Map<String, AttributeValue> key = KeyParameter.of(request.get("Key"));
        if (table == null || !table.isTextual() || key == null) {
            return writes.passThrough(name(), request);
        }
        return writes.write(name(), request,
                List.of(new WriteThrough.Touch(table.textValue(), key, answer -> WriteThrough.Outcome.NONE)));
    }
}
