package io.dynamis.item.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CreateTable with a global index whose key has several HASH and several RANGE attributes (up to four of
 * each, HASH first, no attribute twice); tables and local indexes keep one of each. The catalog stores
 * such a key and reads back one stored before multi-attribute keys existed.
 */
class MultiAttributeKeySchemaTest {

    private static ObjectNode json(String text) {
        return Json.parseRequest(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    /** A table (id) with a global index "gsi" of these KeySchema elements, every attribute a..i defined as S. */
    private static String withGsi(String... elements) {
        List<String> keys = new ArrayList<>();
        for (String element : elements) {
            String[] parts = element.split(":");
            keys.add("{'AttributeName':'" + parts[0] + "','KeyType':'" + parts[1] + "'}");
        }
        List<String> definitions = new ArrayList<>(List.of("{'AttributeName':'id','AttributeType':'S'}"));
        for (String name : List.of("a", "b", "c", "d", "e", "f", "g", "h", "i")) {
            if (String.join(",", keys).contains("'" + name + "'")) {
                definitions.add("{'AttributeName':'" + name + "','AttributeType':'" + (name.equals("b") ? "N" : "S") + "'}");
            }
        }
        return "{'TableName':'matches','BillingMode':'PAY_PER_REQUEST',"
                + "'KeySchema':[{'AttributeName':'id','KeyType':'HASH'}],"
                + "'AttributeDefinitions':[" + String.join(",", definitions) + "],"
                + "'GlobalSecondaryIndexes':[{'IndexName':'gsi','KeySchema':[" + String.join(",", keys) + "],"
                + "'Projection':{'ProjectionType':'ALL'}}]}";
    }

    private static String rejected(String request) {
        ApiError e = assertThrows(ApiError.class, () -> CreateTableRequest.parse(json(request)));
        assertEquals("ValidationException", e.code().errorName());
        return e.getMessage();
    }

    @Test
    void aGlobalIndexMayHaveFourHashAndFourRangeAttributes() {
        TableDefinition table = CreateTableRequest.parse(json(withGsi("a:HASH", "b:HASH", "c:HASH", "d:HASH",
                "e:RANGE", "f:RANGE", "g:RANGE", "h:RANGE")));
        PrimaryKeySchema key = table.index("gsi").keySchema();
        assertEquals(List.of("a", "b", "c", "d"), key.partitionKeys().stream().map(KeyAttribute::name).toList());
        assertEquals(List.of("e", "f", "g", "h"), key.sortKeys().stream().map(KeyAttribute::name).toList());
        assertEquals(AttributeValue.Type.N, key.partitionKeys().get(1).type());
    }

    @Test
    void severalHashAttributesWithoutRangeAndOneHashWithSeveralRange() {
        assertEquals(List.of("a", "b"), CreateTableRequest.parse(json(withGsi("a:HASH", "b:HASH"))).index("gsi")
                .keySchema().partitionKeys().stream().map(KeyAttribute::name).toList());
        assertEquals(List.of("b", "c"), CreateTableRequest.parse(json(withGsi("a:HASH", "b:RANGE", "c:RANGE")))
                .index("gsi").keySchema().sortKeys().stream().map(KeyAttribute::name).toList());
    }

    @Test
    void moreThanFourOfAKindIsRefused() {
        assertEquals("One or more parameter values were invalid: The KeySchema exceeds the maximum allowed number of"
                + " HASH key attributes", rejected(withGsi("a:HASH", "b:HASH", "c:HASH", "d:HASH", "e:HASH")));
        assertEquals("One or more parameter values were invalid: The KeySchema exceeds the maximum allowed number of"
                + " RANGE key attributes", rejected(withGsi("a:HASH", "b:RANGE", "c:RANGE", "d:RANGE", "e:RANGE",
                        "f:RANGE")));
        String nine = rejected(withGsi("a:HASH", "b:HASH", "c:HASH", "d:HASH", "e:RANGE", "f:RANGE", "g:RANGE",
                "h:RANGE", "i:RANGE"));
        assertEquals(true, nine.startsWith("1 validation error detected: Value '[") && nine.endsWith(
                "at 'globalSecondaryIndexes.1.member.keySchema' failed to satisfy constraint: Member must have length less"
                        + " than or equal to 8"), nine);
    }

    @Test
    void hashAttributesComeFirst() {
        assertEquals("One or more parameter values were invalid: All HASH key attributes must precede RANGE key"
                + " attributes in the KeySchema", rejected(withGsi("a:HASH", "b:RANGE", "c:HASH")));
        assertEquals("Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
                rejected(withGsi("a:RANGE", "b:RANGE")));
    }

    @Test
    void noAttributeTwice() {
        assertEquals("The KeySchema contains multiple key attributes with the same name",
                rejected(withGsi("a:HASH", "c:HASH", "a:RANGE")));
        assertEquals("Both the Hash Key and the Range Key element in the KeySchema have the same name",
                rejected(withGsi("a:HASH", "a:HASH")));
    }

    @Test
    void everyKeyAttributeMustBeDefined() {
        assertEquals("One or more parameter values were invalid: Some index key attributes are not defined in"
                + " AttributeDefinitions. Keys: [a, z], AttributeDefinitions: [id, a]",
                rejected(withGsi("a:HASH", "z:HASH")));
    }

    @Test
    void tablesAndLocalIndexesKeepOneAttributeOfEach() {
        String lsi = "{'TableName':'tbl','BillingMode':'PAY_PER_REQUEST','KeySchema':[{'AttributeName':'id','KeyType':'HASH'},"
                + "{'AttributeName':'a','KeyType':'RANGE'}],'AttributeDefinitions':[{'AttributeName':'id','AttributeType':'S'},"
                + "{'AttributeName':'a','AttributeType':'S'},{'AttributeName':'c','AttributeType':'S'}],"
                + "'LocalSecondaryIndexes':[{'IndexName':'lsi','KeySchema':[{'AttributeName':'id','KeyType':'HASH'},"
                + "{'AttributeName':'a','KeyType':'RANGE'},{'AttributeName':'c','KeyType':'RANGE'}],"
                + "'Projection':{'ProjectionType':'ALL'}}]}";
        assertEquals(true, rejected(lsi).endsWith("at 'localSecondaryIndexes.1.member.keySchema' failed to satisfy"
                + " constraint: Member must have length less than or equal to 2"));
        String table = "{'TableName':'tbl','BillingMode':'PAY_PER_REQUEST','KeySchema':[{'AttributeName':'id','KeyType':'HASH'},"
                + "{'AttributeName':'a','KeyType':'HASH'}],'AttributeDefinitions':[{'AttributeName':'id','AttributeType':'S'},"
                + "{'AttributeName':'a','AttributeType':'S'}]}";
        assertEquals("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type", rejected(table));
    }

    @Test
    void theCatalogStoresAMultiAttributeKeyAndReadsAnOlderOne() throws Exception {
        PrimaryKeySchema key = CreateTableRequest.parse(json(withGsi("a:HASH", "b:HASH", "c:RANGE"))).index("gsi")
                .keySchema();
        assertEquals(key, Json.MAPPER.readValue(Json.toBytes(key), PrimaryKeySchema.class));
        PrimaryKeySchema older = Json.MAPPER.readValue("{\"partitionKey\":{\"name\":\"a\",\"type\":\"S\"},"
                + "\"sortKey\":{\"name\":\"c\",\"type\":\"N\"}}", PrimaryKeySchema.class);
        assertEquals(new PrimaryKeySchema(new KeyAttribute("a", AttributeValue.Type.S),
                new KeyAttribute("c", AttributeValue.Type.N)), older);
        assertEquals(List.of(new KeyAttribute("c", AttributeValue.Type.N)), older.sortKeys());
    }
}
