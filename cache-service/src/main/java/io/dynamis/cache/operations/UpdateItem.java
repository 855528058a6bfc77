package io.dynamis.cache.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.protocol.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/**
 * UpdateItem through the accelerator: updated by item-service, then the full new item is cached. When
 * the caller asks for no values or for ALL_NEW, item-service is asked for ALL_NEW (and the caller gets
 * what it asked for); with UPDATED_NEW, ALL_OLD or UPDATED_OLD the answer does not hold the whole new
 * item, so the entry is dropped and read again on the next miss.
 */
@ApplicationScoped
public class UpdateItem implements Operation {

    private final WriteThrough writes;

    public UpdateItem(WriteThrough writes) {
        this.writes = writes;
    }

    @Override
    public String name() {
        return "UpdateItem";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode request) {
        JsonNode returnValues = request.get("ReturnValues");
        String asked = returnValues == null || returnValues.isNull() ? "NONE"
                : returnValues.isTextual() ? returnValues.textValue() : null;
        if (!"NONE".equals(asked) && !"ALL_NEW".equals(asked)) {
            return writes.writeKeyed(name(), request, request, answer -> WriteThrough.Outcome.UNKNOWN);
        }
        ObjectNode allNew = request.deepCopy();
        allNew.put("ReturnValues", "ALL_NEW");
        return writes.writeKeyed(name(), request, allNew, answer -> answer.hasNonNull("Attributes")
                ? WriteThrough.Outcome.item(AttributeValueCodec.decodeItem(answer.get("Attributes")))
                : WriteThrough.Outcome.UNKNOWN).thenApply(answer -> {
                    if ("NONE".equals(asked)) {
                        answer.remove("Attributes");
                    }
                    return answer;
                });
    }
}
