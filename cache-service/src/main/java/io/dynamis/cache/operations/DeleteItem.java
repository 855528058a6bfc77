package io.dynamis.cache.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.protocol.Operation;
import jakarta.enterprise.context.ApplicationScoped;
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
        return writes.writeKeyed(name(), request, request, answer -> WriteThrough.Outcome.NONE);
    }
}
