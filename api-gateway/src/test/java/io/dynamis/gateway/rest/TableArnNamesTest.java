package io.dynamis.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.AmzTarget;
import io.dynamis.gateway.auth.ResourceArns;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A table named by its ARN is named by its name past the gateway, and the answer is given back in the request's words. */
class TableArnNamesTest {

    private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/orders";

    private final TableArnNames names = new TableArnNames(new ResourceArns("us-east-1", "000000000000"));

    private static ObjectNode json(String text) {
        return Json.parseRequest(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static AmzTarget target(String operation) {
        return AmzTarget.parse("DynamoDB_20120810." + operation);
    }

    @Test
    void onlyABodyWithAStringStartingWithArnIsLookedAt() {
        assertTrue(TableArnNames.mayNameByArn("{\"TableName\":\"arn:aws\"}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(TableArnNames.mayNameByArn("{\"TableName\":\"orders\",\"x\":\"barn:\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anArnOfThisDynamisBecomesTheNameAndTheCapacityIsNamedAsAsked() {
        ObjectNode request = json("{'TableName':'" + ARN + "','Key':{}}");
        TableArnNames.Naming naming = names.resolve(target("GetItem"), request);
        assertEquals("orders", request.get("TableName").asText());
        ObjectNode answer = naming.restore(json("{'ConsumedCapacity':{'TableName':'orders','CapacityUnits':0.5}}"));
        assertEquals(ARN, answer.path("ConsumedCapacity").path("TableName").asText());
    }

    @Test
    void aRequestNamingTablesByNameOnlyNeedsNothing() {
        assertNull(names.resolve(target("GetItem"), json("{'TableName':'orders'}")));
        assertNull(names.resolve(target("CreateTable"), json("{'TableName':'" + ARN + "'}")));
    }

    @Test
    void batchKeysAreNamesInsideAndAsAskedInTheAnswer() {
        ObjectNode request = json("{'RequestItems':{'" + ARN + "':{'Keys':[]},'other':{'Keys':[]}}}");
        TableArnNames.Naming naming = names.resolve(target("BatchGetItem"), request);
        assertEquals("[\"orders\",\"other\"]", Json.MAPPER.valueToTree(request.get("RequestItems").properties().stream()
                .map(java.util.Map.Entry::getKey).toList()).toString());
        ObjectNode answer = naming.restore(json("{'Responses':{'orders':[],'other':[]},'UnprocessedKeys':{'orders':{}},"
                + "'ConsumedCapacity':[{'TableName':'orders'},{'TableName':'other'}]}"));
        assertTrue(answer.path("Responses").has(ARN));
        assertTrue(answer.path("Responses").has("other"));
        assertTrue(answer.path("UnprocessedKeys").has(ARN));
        assertEquals(ARN, answer.path("ConsumedCapacity").get(0).path("TableName").asText());
        assertEquals("other", answer.path("ConsumedCapacity").get(1).path("TableName").asText());
    }

    @Test
    void transactionItemsAreResolvedOneByOne() {
        ObjectNode request = json("{'TransactItems':[{'Put':{'TableName':'" + ARN + "'}},{'Get':{'TableName':'x'}}]}");
        names.resolve(target("TransactWriteItems"), request);
        assertEquals("orders", request.path("TransactItems").get(0).path("Put").path("TableName").asText());
    }

    @Test
    void anArnOfAnotherRegionOrAccountIsTheOperationsMissingTable() {
        String foreign = "arn:aws:dynamodb:eu-west-3:000000000000:table/orders";
        ApiError items = assertThrows(ApiError.class, () -> names.resolve(target("PutItem"), json("{'TableName':'" + foreign
                + "'}")));
        assertEquals("Requested resource not found", items.getMessage());
        ApiError table = assertThrows(ApiError.class, () -> names.resolve(target("DescribeTable"),
                json("{'TableName':'arn:aws:dynamodb:us-east-1:111122223333:table/orders'}")));
        assertEquals(ErrorCode.RESOURCE_NOT_FOUND, table.code());
        ApiError backup = assertThrows(ApiError.class, () -> names.resolve(target("CreateBackup"),
                json("{'TableName':'" + foreign + "'}")));
        assertEquals("Table not found: " + foreign, backup.getMessage());
    }

    @Test
    void anArnThatNamesNoTableIsLeftForTheNameConstraints() {
        for (String arn : new String[] {ARN + "/index/byDate", "arn:aws:s3:::bucket", "arn:aws:dynamodb:us-east-1:0:table/"}) {
            ObjectNode request = json("{'TableName':'" + arn + "'}");
            assertNull(names.resolve(target("Query"), request));
            assertEquals(arn, request.get("TableName").asText());
        }
    }

    @Test
    void aTableNamedTwiceInOneBatchIsRefused() {
        ApiError e = assertThrows(ApiError.class, () -> names.resolve(target("BatchWriteItem"),
                json("{'RequestItems':{'orders':[],'" + ARN + "':[]}}")));
        assertEquals("One or more parameter values were invalid: Table orders is named twice in RequestItems: as orders and as "
                + ARN, e.getMessage());
    }
}
