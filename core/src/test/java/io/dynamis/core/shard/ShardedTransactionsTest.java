package io.dynamis.core.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The router as coordinator of a transaction across shards, over fake participant shards: who is asked
 * what in which order, and what the client is answered for each outcome of the two phases.
 */
class ShardedTransactionsTest {

    /** A participant whose transaction answers are chosen per test (null: the default answer). */
    static final class Participant extends ShardRouterTest.FakeShard {
        BiFunction<String, ObjectNode, CompletionStage<ObjectNode>> transactions = (operation, request) -> null;

        Participant(int number) {
            super(number);
        }

        @Override
        public CompletionStage<ObjectNode> call(String operation, ObjectNode request) {
            if (operation.startsWith("DynamisTransact")) {
                calls.add(operation);
                requests.add(request);
                CompletionStage<ObjectNode> chosen = transactions.apply(operation, request);
                if (chosen != null) {
                    return chosen;
                }
                ObjectNode answer = Json.object();
                switch (operation) {
                    case ShardedTransactions.PREPARE -> answer.putArray("ConsumedCapacity").addObject()
                            .put("TableName", "T").put("CapacityUnits", 2.0 * request.get("TransactItems").size());
                    case ShardedTransactions.DECIDE -> answer.put("Outcome", "Committed");
                    case ShardedTransactions.READ -> {
                        ArrayNode responses = answer.putArray("Responses");
                        request.get("TransactItems").forEach(get -> responses.addObject().set("Item", get.get("Get").get("Key")));
                    }
                    default -> { }
                }
                return CompletableFuture.completedFuture(answer);
            }
            return super.call(operation, request);
        }
    }

    private final List<Participant> shards = List.of(new Participant(0), new Participant(1));
    private final ShardRouter router = new ShardRouter(SlotMap.contiguous(2), List.copyOf(shards));

    private String keyOn(int shard) {
        for (int i = 0; ; i++) {
            if (router.slots().shardOf(AttributeValue.s("k" + i)) == shard) {
                return "k" + i;
            }
        }
    }

    private String keyOn(int shard, int index) {
        for (int i = 0; ; i++) {
            String key = "k" + i + "-" + index;
            if (router.slots().shardOf(AttributeValue.s(key)) == shard) {
                return key;
            }
        }
    }

    /** A request whose action {@code i} has a key held by shard {@code onShards[i]}. */
    private ObjectNode request(String kind, String extra, int... onShards) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < onShards.length; i++) {
            String member = kind.equals("Put") ? "Item" : "Key";
            items.append(i == 0 ? "" : ",").append("{\"").append(kind).append("\":{\"TableName\":\"T\",\"").append(member)
                    .append("\":{\"pk\":{\"S\":\"").append(keyOn(onShards[i], i)).append("\"}}}}");
        }
        return (ObjectNode) Json.readTree(("{" + extra + "\"TransactItems\":[" + items + "]}").getBytes());
    }

    private ObjectNode call(String operation, ObjectNode request) {
        try {
            return router.items().call(operation, request).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    private static List<String> transactCalls(Participant shard) {
        return shard.calls.stream().filter(call -> call.startsWith("DynamisTransact")).toList();
    }

    private static CompletionStage<ObjectNode> canceled(String... codes) {
        ArrayNode reasons = Json.MAPPER.createArrayNode();
        for (String code : codes) {
            reasons.addObject().put("Code", code);
        }
        return CompletableFuture.failedFuture(ApiError.transactionCanceled(reasons));
    }

    @Test
    void everyShardPreparesThenTheFirstItemsShardDecides() {
        ObjectNode answer = call("TransactWriteItems", request("Put", "\"ReturnConsumedCapacity\":\"TOTAL\",", 1, 0, 1));
        assertEquals(List.of(ShardedTransactions.PREPARE, ShardedTransactions.DECIDE), transactCalls(shards.get(1)),
                "the shard of the first item coordinates");
        assertEquals(List.of(ShardedTransactions.PREPARE), transactCalls(shards.get(0)), "the coordinator shard hands the decision on");
        ObjectNode prepare1 = shards.get(1).requests.get(shards.get(1).calls.indexOf(ShardedTransactions.PREPARE));
        ObjectNode prepare0 = shards.get(0).requests.get(shards.get(0).calls.indexOf(ShardedTransactions.PREPARE));
        assertEquals(2, prepare1.get("TransactItems").size());
        assertEquals(1, prepare0.get("TransactItems").size());
        assertEquals(1, prepare0.get("Coordinator").asInt());
        assertEquals(prepare0.get("TransactionId"), prepare1.get("TransactionId"));
        ObjectNode decide = shards.get(1).requests.get(shards.get(1).calls.indexOf(ShardedTransactions.DECIDE));
        assertEquals("[0,1]", decide.get("Participants").toString());
        assertEquals(6.0, answer.path("ConsumedCapacity").path(0).path("CapacityUnits").asDouble());
    }

    @Test
    void aRefusedPartDropsThePreparedOnesAndAnswersEveryReasonInRequestOrder() {
        shards.get(1).transactions = (operation, request) -> operation.equals(ShardedTransactions.PREPARE)
                ? canceled("None", "ConditionalCheckFailed") : null;
        ApiError error = assertThrows(ApiError.class, () -> call("TransactWriteItems", request("Put", "", 0, 1, 0, 1)));
        assertEquals(ErrorCode.TRANSACTION_CANCELED, error.code());
        JsonNode reasons = error.toJson().get("CancellationReasons");
        assertEquals(List.of("None", "None", "None", "ConditionalCheckFailed"),
                List.of(reasons.get(0).path("Code").asText(), reasons.get(1).path("Code").asText(),
                        reasons.get(2).path("Code").asText(), reasons.get(3).path("Code").asText()));
        assertEquals(List.of(ShardedTransactions.PREPARE, ShardedTransactions.FINISH), transactCalls(shards.get(0)));
        ObjectNode finish = shards.get(0).requests.get(shards.get(0).requests.size() - 1);
        assertFalse(finish.get("Commit").asBoolean());
        assertEquals(List.of(ShardedTransactions.PREPARE), transactCalls(shards.get(1)), "no decision is asked for");
    }

    @Test
    void anUnansweredDecisionDropsNothingTheParticipantsAskForIt() {
        shards.get(0).transactions = (operation, request) -> operation.equals(ShardedTransactions.DECIDE)
                ? CompletableFuture.failedFuture(ApiError.serviceUnavailable("item-service shard 0 is not available")) : null;
        ApiError error = assertThrows(ApiError.class, () -> call("TransactWriteItems", request("Put", "", 0, 1)));
        assertEquals(ErrorCode.INTERNAL_SERVER_ERROR, error.code());
        assertEquals(List.of(ShardedTransactions.PREPARE), transactCalls(shards.get(1)), "an unknown outcome is never aborted");
    }

    @Test
    void aDecisionAbortedMeanwhileIsAnInternalErrorToRetry() {
        shards.get(0).transactions = (operation, request) -> operation.equals(ShardedTransactions.DECIDE)
                ? CompletableFuture.completedFuture(Json.object().put("Outcome", "Aborted")) : null;
        ApiError error = assertThrows(ApiError.class, () -> call("TransactWriteItems", request("Put", "", 0, 1)));
        assertEquals(ErrorCode.INTERNAL_SERVER_ERROR, error.code());
    }

    @Test
    void aRetriedTokenThatCommittedSucceedsEvenWhenItsConditionsNowFail() {
        shards.get(1).transactions = (operation, request) -> operation.equals(ShardedTransactions.PREPARE)
                ? canceled("ConditionalCheckFailed") : null;
        shards.get(0).transactions = (operation, request) -> operation.equals(ShardedTransactions.STATUS)
                ? CompletableFuture.completedFuture(Json.object().put("TokenCommitted", true)) : null;
        ObjectNode answer = call("TransactWriteItems", request("Put", "\"ClientRequestToken\":\"t1\",", 0, 1));
        assertTrue(answer.isEmpty());
        ObjectNode status = shards.get(0).requests.get(shards.get(0).calls.lastIndexOf(ShardedTransactions.STATUS));
        assertEquals("t1", status.get("ClientRequestToken").asText());
        assertTrue(status.hasNonNull("Digest"));
        assertFalse(shards.get(0).requests.get(shards.get(0).calls.indexOf(ShardedTransactions.PREPARE))
                .has("ClientRequestToken"), "the token stays with the decision, not with the parts");
    }

    @Test
    void aTokenIsDecidedWithTheTransaction() {
        call("TransactWriteItems", request("Put", "\"ClientRequestToken\":\"t2\",", 0, 1));
        ObjectNode decide = shards.get(0).requests.get(shards.get(0).calls.indexOf(ShardedTransactions.DECIDE));
        assertEquals("t2", decide.get("ClientRequestToken").asText());
    }

    @Test
    void aReadAcrossShardsHoldsReadsReleasesAndAnswersInRequestOrder() {
        ObjectNode request = request("Get", "", 1, 0, 1);
        ObjectNode answer = call("TransactGetItems", request);
        for (int i = 0; i < 3; i++) {
            assertEquals(request.get("TransactItems").get(i).get("Get").get("Key"), answer.get("Responses").get(i).get("Item"));
        }
        for (Participant shard : shards) {
            assertEquals(List.of(ShardedTransactions.READ, ShardedTransactions.FINISH), transactCalls(shard));
        }
    }

    @Test
    void aReadMeetingAHeldItemIsCanceledWithTransactionConflict() {
        shards.get(0).transactions = (operation, request) -> operation.equals(ShardedTransactions.READ)
                ? canceled("TransactionConflict") : null;
        ApiError error = assertThrows(ApiError.class, () -> call("TransactGetItems", request("Get", "", 1, 0)));
        assertEquals(ErrorCode.TRANSACTION_CANCELED, error.code());
        assertEquals("None", error.toJson().get("CancellationReasons").get(0).path("Code").asText());
        assertEquals("TransactionConflict", error.toJson().get("CancellationReasons").get(1).path("Code").asText());
        List<String> attempts = new java.util.ArrayList<>();
        for (int i = 0; i <= ShardedTransactions.CONFLICT_RETRIES; i++) {
            attempts.addAll(List.of(ShardedTransactions.READ, ShardedTransactions.FINISH));
        }
        assertEquals(attempts, transactCalls(shards.get(1)),
                "tried again a few times, and each time the shard that read releases its items");
    }

    @Test
    void aWriteCanceledOnlyByAConflictIsTriedAgainAndOneCanceledByItsConditionIsNot() {
        int[] prepares = {0};
        shards.get(1).transactions = (operation, request) -> operation.equals(ShardedTransactions.PREPARE)
                && prepares[0]++ == 0 ? canceled("TransactionConflict") : null;
        call("TransactWriteItems", request("Put", "", 0, 1));
        assertEquals(2, prepares[0], "the second attempt found the item free");
        assertEquals(List.of(ShardedTransactions.PREPARE, ShardedTransactions.FINISH, ShardedTransactions.PREPARE,
                ShardedTransactions.DECIDE), transactCalls(shards.get(0)));

        shards.get(1).transactions = (operation, request) -> operation.equals(ShardedTransactions.PREPARE)
                ? canceled("ConditionalCheckFailed") : null;
        shards.get(0).calls.clear();
        assertThrows(ApiError.class, () -> call("TransactWriteItems", request("Put", "", 0, 1)));
        assertEquals(List.of(ShardedTransactions.PREPARE, ShardedTransactions.FINISH), transactCalls(shards.get(0)));
    }
}
