package io.dynamis.item.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.TableDefinition;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** CreateTable's validation, in DynamoDB's order and words. */
class CreateTableRequestTest {

    private static ObjectNode json(String text) {
        return Json.parseRequest(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static ApiError rejected(String request) {
        return assertThrows(ApiError.class, () -> CreateTableRequest.parse(json(request)));
    }

    @Test
    void aValidRequestBecomesADefinition() {
        TableDefinition table = CreateTableRequest.parse(json("{'TableName':'orders','BillingMode':'PAY_PER_REQUEST',"
                + "'KeySchema':[{'AttributeName':'id','KeyType':'HASH'},{'AttributeName':'at','KeyType':'RANGE'}],"
                + "'AttributeDefinitions':[{'AttributeName':'at','AttributeType':'N'},{'AttributeName':'id','AttributeType':'S'}]}"));
        assertEquals("orders", table.name());
        assertEquals("id", table.keySchema().partitionKey().name());
        assertEquals(AttributeValue.Type.S, table.keySchema().partitionKey().type());
        assertEquals(AttributeValue.Type.N, table.keySchema().sortKey().type());
        assertEquals(TableDefinition.PAY_PER_REQUEST, table.billingMode());
    }

    @Test
    void billingModeDefaultsToProvisioned() {
        TableDefinition table = CreateTableRequest.parse(json("{'TableName':'orders',"
                + "'KeySchema':[{'AttributeName':'id','KeyType':'HASH'}],"
                + "'AttributeDefinitions':[{'AttributeName':'id','AttributeType':'S'}],"
                + "'ProvisionedThroughput':{'ReadCapacityUnits':3,'WriteCapacityUnits':4}}"));
        assertEquals(TableDefinition.PROVISIONED, table.billingMode());
        assertEquals(3, table.readCapacityUnits());
        assertNull(table.keySchema().sortKey());
    }

    @Test
    void aMissingTableNameIsReportedFirstAndAlone() {
        ApiError e = rejected("{}");
        assertEquals(ErrorCode.VALIDATION, e.code());
        assertEquals("The parameter 'TableName' is required but was not present in the request", e.getMessage());
        assertEquals("1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must"
                + " have length greater than or equal to 3",
                rejected("{'TableName':'ab','BillingMode':'PAY_PER_REQUEST','KeySchema':[{'AttributeName':'id',"
                        + "'KeyType':'HASH'}],'AttributeDefinitions':[{'AttributeName':'id','AttributeType':'S'}]}").getMessage());
    }

    @Test
    void missingMembersAreReportedTogether() {
        ApiError e = rejected("{'TableName':'abc;'}");
        assertEquals(ErrorCode.VALIDATION, e.code());
        assertEquals("3 validation errors detected: "
                + "Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null; "
                + "Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                + "Value null at 'keySchema' failed to satisfy constraint: Member must not be null", e.getMessage());
    }

    @Test
    void enumMembersAreChecked() {
        ApiError e = rejected("{'TableName':'orders','BillingMode':'FREE',"
                + "'KeySchema':[{'AttributeName':'id','KeyType':'PRIMARY'}],"
                + "'AttributeDefinitions':[{'AttributeName':'id','AttributeType':'X'}]}");
        assertEquals("3 validation errors detected: "
                + "Value 'X' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]; "
                + "Value 'PRIMARY' at 'keySchema.1.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]; "
                + "Value 'FREE' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]",
                e.getMessage());
    }

    @Test
    void capacityUnitsMustBePositive() {
        ApiError e = rejected("{'TableName':'orders','KeySchema':[{'AttributeName':'id','KeyType':'HASH'}],"
                + "'AttributeDefinitions':[{'AttributeName':'id','AttributeType':'S'}],"
                + "'ProvisionedThroughput':{'ReadCapacityUnits':0,'WriteCapacityUnits':1}}");
        assertEquals("1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' failed to"
                + " satisfy constraint: Member must have value greater than or equal to 1", e.getMessage());
    }

    @Test
    void theSecondKeyMustBeARangeKeyWithAnotherName() {
        assertEquals("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type", rejected(
                "{'TableName':'orders','BillingMode':'PAY_PER_REQUEST','KeySchema':[{'AttributeName':'id','KeyType':'HASH'},"
                        + "{'AttributeName':'at','KeyType':'HASH'}],'AttributeDefinitions':[{'AttributeName':'id','AttributeType':'S'},"
                        + "{'AttributeName':'at','AttributeType':'S'}]}").getMessage());
        assertEquals("Invalid KeySchema: Some index key attribute have no definition", rejected(
                "{'TableName':'orders','BillingMode':'PAY_PER_REQUEST','KeySchema':[{'AttributeName':'id','KeyType':'HASH'},"
                        + "{'AttributeName':'id','KeyType':'RANGE'}],'AttributeDefinitions':[{'AttributeName':'id','AttributeType':'S'}]}")
                .getMessage());
    }

    @Test
    void duplicatedAttributeDefinitionsAreRejected() {
        assertEquals("Attribute Name is duplicated: id", rejected("{'TableName':'orders','BillingMode':'PAY_PER_REQUEST',"
                + "'KeySchema':[{'AttributeName':'id','KeyType':'HASH'}],"
                + "'AttributeDefinitions':[{'AttributeName':'id','AttributeType':'S'},{'AttributeName':'id','AttributeType':'N'}]}")
                .getMessage());
    }

    private static final String ORDERS = "{'TableName':'orders','BillingMode':'PAY_PER_REQUEST',"
            + "'KeySchema':[{'AttributeName':'id','KeyType':'HASH'},{'AttributeName':'at','KeyType':'RANGE'}],"
            + "'AttributeDefinitions':[{'AttributeName':'id','AttributeType':'S'},{'AttributeName':'at','AttributeType':'N'},"
            + "{'AttributeName':'status','AttributeType':'S'}]";

    private static String lsi(String name, String sortKey, String projection) {
        return "{'IndexName':'" + name + "','KeySchema':[{'AttributeName':'id','KeyType':'HASH'},"
                + "{'AttributeName':'" + sortKey + "','KeyType':'RANGE'}],'Projection':" + projection + "}";
    }

    @Test
    void localAndGlobalIndexesAreDefined() {
        var table = io.dynamis.item.catalog.CreateTableRequest.parse(json(ORDERS
                + ",'LocalSecondaryIndexes':[" + lsi("byStatus", "status", "{'ProjectionType':'KEYS_ONLY'}") + "]"
                + ",'GlobalSecondaryIndexes':[{'IndexName':'statusAt','KeySchema':[{'AttributeName':'status','KeyType':'HASH'},"
                + "{'AttributeName':'at','KeyType':'RANGE'}],'Projection':{'ProjectionType':'INCLUDE','NonKeyAttributes':['total']}}]}"));
        assertEquals(2, table.indexes().size());
        assertEquals("byStatus", table.indexes().get(0).name());
        assertEquals(false, table.indexes().get(0).global());
        assertEquals("status", table.indexes().get(1).keySchema().partitionKey().name());
        assertEquals(java.util.List.of("total"), table.indexes().get(1).nonKeyAttributes());
    }

    @Test
    void indexDefinitionsAreCheckedAsDynamoDbChecksThem() {
        assertEquals("One or more parameter values were invalid: List of GlobalSecondaryIndexes is empty",
                rejected(ORDERS + ",'GlobalSecondaryIndexes':[]}").getMessage());
        assertEquals("One or more parameter values were invalid: ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified",
                rejected(ORDERS + ",'LocalSecondaryIndexes':[" + lsi("byStatus", "status",
                        "{'ProjectionType':'KEYS_ONLY','NonKeyAttributes':['x']}") + "]}").getMessage());
        assertEquals("One or more parameter values were invalid: Duplicate index name: byStatus",
                rejected(ORDERS + ",'LocalSecondaryIndexes':[" + lsi("byStatus", "status", "{'ProjectionType':'ALL'}") + ","
                        + lsi("byStatus", "status", "{'ProjectionType':'ALL'}") + "]}").getMessage());
        assertEquals("One or more parameter values were invalid: Some AttributeDefinitions are not used."
                + " AttributeDefinitions: [id, at, status, extra], keys used: [id, at, status]",
                rejected(ORDERS.replace("{'AttributeName':'status','AttributeType':'S'}]",
                        "{'AttributeName':'status','AttributeType':'S'},{'AttributeName':'extra','AttributeType':'S'}]")
                        + ",'LocalSecondaryIndexes':[" + lsi("byStatus", "status", "{'ProjectionType':'ALL'}") + "]}")
                        .getMessage());
        assertEquals("One or more parameter values were invalid: ProvisionedThroughput should not be specified for index:"
                + " gsi1 when BillingMode is PAY_PER_REQUEST", rejected(ORDERS + ",'GlobalSecondaryIndexes':[{'IndexName':'gsi1',"
                + "'KeySchema':[{'AttributeName':'status','KeyType':'HASH'}],'Projection':{'ProjectionType':'ALL'},"
                + "'ProvisionedThroughput':{'ReadCapacityUnits':1,'WriteCapacityUnits':1}}]}").getMessage());
        String sixLocal = java.util.stream.IntStream.range(0, 6).mapToObj(i -> lsi("idx" + i, "status",
                "{'ProjectionType':'ALL'}")).collect(java.util.stream.Collectors.joining(","));
        assertEquals("One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5",
                rejected(ORDERS + ",'LocalSecondaryIndexes':[" + sixLocal + "]}").getMessage());
    }

    @Test
    void aLocalIndexNeedsATableWithASortKey() {
        assertEquals("One or more parameter values were invalid: Table KeySchema does not have a range key, which is"
                + " required when specifying a LocalSecondaryIndex", rejected("{'TableName':'orders','BillingMode':'PAY_PER_REQUEST',"
                + "'KeySchema':[{'AttributeName':'id','KeyType':'HASH'}],"
                + "'AttributeDefinitions':[{'AttributeName':'id','AttributeType':'S'},{'AttributeName':'status','AttributeType':'S'}],"
                + "'LocalSecondaryIndexes':[" + lsi("byStatus", "status", "{'ProjectionType':'ALL'}") + "]}").getMessage());
    }

    @Test
    void streamTableClassAndTagsAreChecked() {
        String base = "{'TableName':'orders','BillingMode':'PAY_PER_REQUEST',"
                + "'KeySchema':[{'AttributeName':'id','KeyType':'HASH'}],"
                + "'AttributeDefinitions':[{'AttributeName':'id','AttributeType':'S'}]";
        assertEquals("1 validation error detected: Value 'SOME' at 'streamSpecification.streamViewType' failed to satisfy"
                + " constraint: Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]",
                rejected(base + ",'StreamSpecification':{'StreamEnabled':true,'StreamViewType':'SOME'}}").getMessage());
        assertEquals("One or more parameter values were invalid: StreamViewType is required when StreamEnabled is true",
                rejected(base + ",'StreamSpecification':{'StreamEnabled':true}}").getMessage());
        assertEquals("1 validation error detected: Value 'COLD' at 'tableClass' failed to satisfy constraint: Member must"
                + " satisfy enum value set: [STANDARD, STANDARD_INFREQUENT_ACCESS]",
                rejected(base + ",'TableClass':'COLD'}").getMessage());
        assertEquals("1 validation error detected: Value '' at 'tags.1.member.key' failed to satisfy constraint: Member"
                + " must have length greater than or equal to 1",
                rejected(base + ",'Tags':[{'Key':'','Value':'v'}]}").getMessage());
    }

    @Test
    void keyAttributeNamesAreAtMost255CharactersInEveryKeySchema() {
        String longName = "k".repeat(256);
        assertEquals("2 validation errors detected: Value '" + longName + "' at"
                + " 'attributeDefinitions.1.member.attributeName' failed to satisfy constraint: Member must have length"
                + " less than or equal to 255; Value '" + longName + "' at 'keySchema.1.member.attributeName' failed to"
                + " satisfy constraint: Member must have length less than or equal to 255",
                rejected("{'TableName':'orders','BillingMode':'PAY_PER_REQUEST',"
                        + "'KeySchema':[{'AttributeName':'" + longName + "','KeyType':'HASH'}],"
                        + "'AttributeDefinitions':[{'AttributeName':'" + longName + "','AttributeType':'S'}]}").getMessage());
        String indexed = "g".repeat(256);
        assertEquals("1 validation error detected: Value '" + indexed + "' at"
                + " 'globalSecondaryIndexes.1.member.keySchema.1.member.attributeName' failed to satisfy constraint: Member"
                + " must have length less than or equal to 255",
                rejected("{'TableName':'orders','BillingMode':'PAY_PER_REQUEST',"
                        + "'KeySchema':[{'AttributeName':'id','KeyType':'HASH'}],"
                        + "'AttributeDefinitions':[{'AttributeName':'id','AttributeType':'S'}],"
                        + "'GlobalSecondaryIndexes':[{'IndexName':'byG','KeySchema':[{'AttributeName':'" + indexed + "',"
                        + "'KeyType':'HASH'}],'Projection':{'ProjectionType':'ALL'}}]}").getMessage());
    }

    @Test
    void aKeySchemaElementThatIsNotAnObjectIsASerializationError() {
        ApiError e = rejected("{'TableName':'orders','BillingMode':'PAY_PER_REQUEST',"
                + "'KeySchema':[{'AttributeName':'id','KeyType':'HASH'}],"
                + "'AttributeDefinitions':[{'AttributeName':'id','AttributeType':'S'}],"
                + "'GlobalSecondaryIndexes':[{'IndexName':'byG','KeySchema':['x'],'Projection':{'ProjectionType':'ALL'}}]}");
        assertEquals(ErrorCode.SERIALIZATION, e.code());
    }

    @Test
    void theTableNameConstraintsAreReportedTogetherWithTheOthers() {
        assertEquals("2 validation errors detected: Value 'a$' at 'tableName' failed to satisfy constraint: Member must"
                + " satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'a$' at 'tableName' failed to satisfy"
                + " constraint: Member must have length greater than or equal to 3",
                rejected("{'TableName':'a$','BillingMode':'PAY_PER_REQUEST','KeySchema':[{'AttributeName':'id',"
                        + "'KeyType':'HASH'}],'AttributeDefinitions':[{'AttributeName':'id','AttributeType':'S'}]}").getMessage());
    }
}
