package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.item.transaction.TransactionDecisions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisTransactStatus}, internal, on the coordinator shard. {@code {"TransactionId"}}: a
 * participant asks for the decision ({@code {"Outcome": "Committed" | "Aborted"}}; none yet is an abort,
 * recorded). {@code {"ClientRequestToken", "Digest"}}: the router asks whether that token committed this
 * same transaction ({@code {"TokenCommitted": bool}}; another request under it: IdempotentParameterMismatch).
 */
@ApplicationScoped
public class TransactStatus implements Operation {

    private final TransactionDecisions decisions;

    public TransactStatus(TransactionDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public String name() {
        return "DynamisTransactStatus";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        String id = json.path("TransactionId").asText(null);
        if (id != null) {
            return decisions.status(id);
        }
        String token = json.path("ClientRequestToken").asText(null);
        if (token == null) {
            throw ApiError.validation("DynamisTransactStatus needs a TransactionId or a ClientRequestToken");
        }
        return decisions.tokenCommitted(token, Base64.getDecoder().decode(json.path("Digest").asText()))
                .thenApply(committed -> Json.object().put("TokenCommitted", committed));
    }
}
