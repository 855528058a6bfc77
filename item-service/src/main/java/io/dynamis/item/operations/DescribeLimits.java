package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** DescribeLimits: DynamoDB's default account and table throughput quotas. */
@ApplicationScoped
public class DescribeLimits implements Operation {

    @Override
    public String name() {
        return "DescribeLimits";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode request) {
        ObjectNode response = Json.object();
        response.put("AccountMaxReadCapacityUnits", 80000);
        response.put("AccountMaxWriteCapacityUnits", 80000);
        response.put("TableMaxReadCapacityUnits", 40000);
        response.put("TableMaxWriteCapacityUnits", 40000);
        return CompletableFuture.completedFuture(response);
    }
}
