package io.dynamis.core.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.roles.ServiceChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The router over fake shards: where each operation goes, and how the answers of several are merged. */
class ShardRouterTest {

    /** A shard that records what it is asked and answers with the given function (or is unreachable). */
    static class FakeShard implements ServiceChannel {
        final int number;
        final List<String> calls = new ArrayList<>();
        final List<ObjectNode> requests = new ArrayList<>();
        boolean down;

        FakeShard(int number) {
            this.number = number;
        }

        @Override
        public CompletionStage<ObjectNode> call(String operation, ObjectNode request) {
            calls.add(operation);
            requests.add(request);
            if (down && !operation.startsWith("Dynamis")) {
                return CompletableFuture.failedFuture(ApiError.serviceUnavailable("item-service shard " + number + " is not available"));
            }
            return CompletableFuture.completedFuture(answer(operation, request));
        }

        ObjectNode answer(String operation, ObjectNode request) {
            ObjectNode answer = Json.object();
            switch (operation) {
                case "DynamisDescribeCatalogTable" -> answer.set("Table", Json.MAPPER.valueToTree(Json.MAPPER.convertValue(
                        Json.readTree(("{\"name\":\"T\",\"tableId\":\"id\",\"storeId\":1,\"keySchema\":{\"partitionKey\":"
                                + "{\"name\":\"pk\",\"type\":\"S\"}}}").getBytes()), ObjectNode.class)));
                case "BatchGetItem" -> {
                    ObjectNode responses = answer.putObject("Responses");
                    request.get("RequestItems").fields().forEachRemaining(table ->
                            table.getValue().get("Keys").forEach(key -> responses.withArray(table.getKey()).add(key)));
                    answer.putObject("UnprocessedKeys");
                    answer.putArray("ConsumedCapacity").addObject().put("TableName", "T").put("CapacityUnits", 1.5);
                }
                case "BatchWriteItem" -> answer.putObject("UnprocessedItems");
                case "DescribeTable" -> answer.putObject("Table").put("TableName", "T").put("ItemCount", 3).put("TableSizeBytes", 30);
                case "DynamisTableStatistics" -> answer.putObject("Table").put("ItemCount", 4).put("TableSizeBytes", 40);
                default -> answer.put("Shard", number);
            }
            return answer;
        }
    }

    private final List<FakeShard> shards = List.of(new FakeShard(0), new FakeShard(1));
    private final ShardRouter router = new ShardRouter(SlotMap.contiguous(2), List.copyOf(shards));

    /** A partition key value held by the shard. */
    private String keyOn(int shard) {
        for (int i = 0; ; i++) {
            if (router.slots().shardOf(AttributeValue.s("k" + i)) == shard) {
                return "k" + i;
            }
        }
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) Json.readTree(text.getBytes());
    }

    private ObjectNode call(String operation, String request) {
        try {
            return router.items().call(operation, json(request)).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    @Test
    void aSingleItemOperationGoesToTheShardOfItsPartitionKey() {
        for (int shard = 0; shard < 2; shard++) {
            ObjectNode answer = call("GetItem", "{\"TableName\":\"T\",\"Key\":{\"pk\":{\"S\":\"" + keyOn(shard) + "\"}}}");
            assertEquals(shard, answer.path("Shard").asInt());
            answer = call("PutItem", "{\"TableName\":\"T\",\"Item\":{\"pk\":{\"S\":\"" + keyOn(shard) + "\"},\"a\":{\"N\":\"1\"}}}");
            assertEquals(shard, answer.path("Shard").asInt());
        }
    }

    @Test
    void aRequestWhoseShardCannotBeToldGoesToShardZeroWhichAnswersItsError() {
        assertEquals(0, call("GetItem", "{\"TableName\":\"T\",\"Key\":{\"other\":{\"S\":\"x\"}}}").path("Shard").asInt());
        assertEquals(0, call("GetItem", "{\"TableName\":\"T\"}").path("Shard").asInt());
    }

    @Test
    void tableOperationsGoToTheCatalogAuthority() {
        call("CreateTable", "{\"TableName\":\"T\"}");
        call("ListTables", "{}");
        assertEquals(List.of("CreateTable", "ListTables"), shards.get(0).calls);
        assertTrue(shards.get(1).calls.isEmpty());
    }

    @Test
    void batchGetItemIsSplitByShardAndMerged() {
        ObjectNode answer = call("BatchGetItem", "{\"RequestItems\":{\"T\":{\"ConsistentRead\":true,\"Keys\":["
                + "{\"pk\":{\"S\":\"" + keyOn(0) + "\"}},{\"pk\":{\"S\":\"" + keyOn(1) + "\"}}]}},\"ReturnConsumedCapacity\":\"TOTAL\"}");
        assertEquals(2, answer.path("Responses").path("T").size());
        assertEquals(3.0, answer.path("ConsumedCapacity").path(0).path("CapacityUnits").asDouble());
        for (FakeShard shard : shards) {
            JsonNode part = shard.requests.get(shard.calls.indexOf("BatchGetItem"));
            assertEquals(1, part.path("RequestItems").path("T").path("Keys").size());
            assertTrue(part.path("RequestItems").path("T").path("ConsistentRead").asBoolean());
            assertEquals("TOTAL", part.path("ReturnConsumedCapacity").asText());
        }
    }

    @Test
    void theKeysOfAnUnreachableShardAreUnprocessed() {
        shards.get(1).down = true;
        ObjectNode answer = call("BatchGetItem", "{\"RequestItems\":{\"T\":{\"Keys\":["
                + "{\"pk\":{\"S\":\"" + keyOn(0) + "\"}},{\"pk\":{\"S\":\"" + keyOn(1) + "\"}}]}}}");
        assertEquals(1, answer.path("Responses").path("T").size());
        assertEquals(keyOn(1), answer.path("UnprocessedKeys").path("T").path("Keys").path(0).path("pk").path("S").asText());
    }

    @Test
    void theWritesOfAnUnreachableShardAreUnprocessedAndNoneIsSentTwice() {
        shards.get(1).down = true;
        ObjectNode answer = call("BatchWriteItem", "{\"RequestItems\":{\"T\":["
                + "{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"" + keyOn(0) + "\"}}}},"
                + "{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"" + keyOn(1) + "\"}}}}]}}");
        assertEquals(1, answer.path("UnprocessedItems").path("T").size());
        assertEquals(keyOn(1), answer.path("UnprocessedItems").path("T").path(0).path("DeleteRequest").path("Key").path("pk").path("S").asText());
        assertEquals(1, shards.get(0).calls.stream().filter("BatchWriteItem"::equals).count());
    }

    @Test
    void withEveryShardUnreachableABatchIsServiceUnavailable() {
        shards.forEach(shard -> shard.down = true);
        ApiError error = assertThrows(ApiError.class, () -> call("BatchGetItem", "{\"RequestItems\":{\"T\":{\"Keys\":["
                + "{\"pk\":{\"S\":\"" + keyOn(0) + "\"}},{\"pk\":{\"S\":\"" + keyOn(1) + "\"}}]}}}"));
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, error.code());
    }

    @Test
    void aTransactionWithinOneShardGoesThereWhole() {
        ObjectNode answer = call("TransactWriteItems", "{\"TransactItems\":["
                + "{\"Put\":{\"TableName\":\"T\",\"Item\":{\"pk\":{\"S\":\"" + keyOn(1) + "\"}}}},"
                + "{\"ConditionCheck\":{\"TableName\":\"T\",\"Key\":{\"pk\":{\"S\":\"" + keyOn(1) + "\"}},\"ConditionExpression\":\"x\"}}]}");
        assertEquals(1, answer.path("Shard").asInt());
    }

    @Test
    void describeTableSumsTheItemCountsAndSizesOfEveryShard() {
        ObjectNode answer = call("DescribeTable", "{\"TableName\":\"T\"}");
        assertEquals(7, answer.path("Table").path("ItemCount").asLong());
        assertEquals(70, answer.path("Table").path("TableSizeBytes").asLong());
    }

    @Test
    void withOneShardEveryCallPassesThroughUnchanged() {
        FakeShard only = new FakeShard(0);
        ShardRouter one = new ShardRouter(SlotMap.contiguous(1), List.of(only));
        ObjectNode request = json("{\"TransactItems\":[]}");
        one.items().call("TransactWriteItems", request);
        assertEquals(List.of("TransactWriteItems"), only.calls);
        assertTrue(only.requests.get(0) == request);
    }
}
