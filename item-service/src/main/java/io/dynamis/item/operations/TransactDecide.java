package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.protocol.Operation;
import io.dynamis.item.transaction.TransactionDecisions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisTransactDecide}, internal, on the coordinator shard: {@code {"TransactionId",
 * "Participants", "ClientRequestToken"?, "Digest"?}} once every participant prepared. Commits the decision
 * and hands it on ({@link TransactionDecisions#decide}); answers {@code {"Outcome": ...}}.
 */
@ApplicationScoped
public class TransactDecide implements Operation {

    private final TransactionDecisions decisions;

    public TransactDecide(TransactionDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public String name() {
        return "DynamisTransactDecide";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        String id = json.path("TransactionId").asText(null);
        if (id == null || !json.path("Participants").isArray()) {
            throw ApiError.validation("DynamisTransactDecide needs a TransactionId and Participants");
        }
        List<Integer> participants = new ArrayList<>();
        json.get("Participants").forEach(shard -> participants.add(shard.asInt()));
        String token = json.path("ClientRequestToken").asText(null);
        byte[] digest = token == null ? null : Base64.getDecoder().decode(json.path("Digest").asText());
        return decisions.decide(id, participants, token, digest);
    }
}
