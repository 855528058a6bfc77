package io.dynamis.core.partiql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementPlannerTest {

    /** Table t: pk (HASH), sk (RANGE); index byColor: color (HASH), size (RANGE). */
    private static final TableKeys KEYS = new TableKeys("t", new TableKeys.Keys("pk", "sk"),
            Map.of("byColor", new TableKeys.Keys("color", "size")));

    private static JsonNode json(String text) {
        return Json.readTree(text.replace('`', '"').getBytes());
    }

    private static StatementPlanner.Read select(String text, String parameters) {
        StatementParser.Parsed parsed = StatementParser.parse(text);
        JsonNode params = parameters == null ? null : json(parameters);
        StatementPlanner.checkParameters(parsed, params);
        return StatementPlanner.select((Statement.Select) parsed.statement(), params, KEYS);
    }

    private static StatementPlanner.Write write(String text) {
        return StatementPlanner.write(StatementParser.parse(text).statement(), null, KEYS);
    }

    @Test
    void anEqualityOnThePartitionKeyIsAQueryWithTheSortKeyConditionPushedDown() {
        StatementPlanner.Read read = select("SELECT a, b.c FROM t WHERE pk = ? AND sk BETWEEN 1 AND 5 AND x = 'y'",
                "[{`S`: `k`}]");
        assertEquals("Query", read.operation());
        assertEquals(1, read.requests().size());
        assertEquals(json("{`TableName`: `t`, `ProjectionExpression`: `#n0, #n1`,"
                + " `FilterExpression`: `#n2 = :v0`,"
                + " `KeyConditionExpression`: `#n4 = :partition AND #n3 BETWEEN :v1 AND :v2`,"
                + " `ExpressionAttributeNames`: {`#n0`: `a`, `#n1`: `b`, `#n2`: `x`, `#n3`: `sk`, `#n4`: `pk`},"
                + " `ExpressionAttributeValues`: {`:v0`: {`S`: `y`}, `:v1`: {`N`: `1`}, `:v2`: {`N`: `5`},"
                + " `:partition`: {`S`: `k`}}}"), read.requests().get(0));
        assertNull(read.fullKey());
    }

    @Test
    void inOnThePartitionKeyIsOneQueryPerValue() {
        StatementPlanner.Read read = select("SELECT * FROM t WHERE pk IN ['a', 'b'] AND x > 1", null);
        assertEquals("Query", read.operation());
        assertEquals(2, read.requests().size());
        assertEquals("a", read.requests().get(0).at("/ExpressionAttributeValues/:partition/S").asText());
        assertEquals("b", read.requests().get(1).at("/ExpressionAttributeValues/:partition/S").asText());
        assertEquals("#n0 > :v0", read.requests().get(1).get("FilterExpression").asText());

        StatementPlanner.Read or = select("SELECT * FROM t WHERE pk = 'a' OR pk = 'b'", null);
        assertEquals(2, or.requests().size());
    }

    @Test
    void withoutAPartitionKeyEqualityItIsAScanFilteredByTheWholeWhere() {
        StatementPlanner.Read read = select("SELECT * FROM t WHERE pk > 'a' OR x IS MISSING", null);
        assertEquals("Scan", read.operation());
        assertEquals("(#n0 > :v0) OR (attribute_not_exists(#n1))",
                read.requests().get(0).get("FilterExpression").asText());
    }

    @Test
    void aFilterThatReadsAKeyAttributeMakesItAScan() {
        // a Query's FilterExpression may not read key attributes; two sort-key conditions cannot both be pushed
        StatementPlanner.Read read = select("SELECT * FROM t WHERE pk = 'a' AND sk > 1 AND sk < 9", null);
        assertEquals("Scan", read.operation());
    }

    @Test
    void anIndexIsQueriedOnItsOwnKeys() {
        StatementPlanner.Read read = select("SELECT * FROM \"t\".\"byColor\" WHERE color = 'red' ORDER BY size DESC", null);
        assertFalse(read.requests().get(0).get("ScanIndexForward").asBoolean());
        assertEquals("Query", read.operation());
        assertEquals("byColor", read.requests().get(0).get("IndexName").asText());
        ApiError error = assertThrows(ApiError.class, () -> select("SELECT * FROM t.nope WHERE color = 'red'", null));
        assertEquals("The table does not have the specified index: nope", error.getMessage());
    }

    @Test
    void fullKeyIsKnownForBatchAndTransactionReads() {
        assertEquals(json("{`pk`: {`S`: `a`}, `sk`: {`N`: `1`}}"),
                select("SELECT * FROM t WHERE sk = 1 AND pk = 'a'", null).fullKey());
    }

    @Test
    void insertIsAPutThatFailsWhenTheItemExists() {
        StatementPlanner.Write write = write("INSERT INTO t VALUE {'pk': 'a', 'sk': 1, 's': <<1, 2>>}");
        assertEquals("PutItem", write.operation());
        assertEquals(json("{`TableName`: `t`, `Item`: {`pk`: {`S`: `a`}, `sk`: {`N`: `1`}, `s`: {`NS`: [`1`, `2`]}},"
                + " `ConditionExpression`: `attribute_not_exists(#n0)`, `ExpressionAttributeNames`: {`#n0`: `pk`}}"),
                write.request());
    }

    @Test
    void updateIsAnUpdateItemOfAnExistingItemWithTheRestOfTheWhereAsCondition() {
        StatementPlanner.Write write = write("UPDATE t SET a = a + 1, l = list_append(l, [2]) SET s = set_add(s, <<'x'>>)"
                + " SET d = set_delete(d, <<'y'>>) REMOVE r WHERE pk = 'a' AND sk = 1 AND v = 3 RETURNING ALL NEW *");
        ObjectNode request = write.request();
        assertEquals("UpdateItem", write.operation());
        assertEquals(json("{`pk`: {`S`: `a`}, `sk`: {`N`: `1`}}"), request.get("Key"));
        assertEquals("SET #n0 = #n0 + :v0, #n1 = list_append(#n1, :v1) REMOVE #n4 ADD #n2 :v2 DELETE #n3 :v3",
                request.get("UpdateExpression").asText());
        assertEquals("attribute_exists(#n5) AND #n6 = :v4", request.get("ConditionExpression").asText());
        assertEquals("ALL_NEW", request.get("ReturnValues").asText());
        assertEquals(json("{`Update`: " + request.toString().replace("\"ReturnValues\":\"ALL_NEW\",", "") + "}"),
                write.transactAction());
    }

    @Test
    void deleteOfAMissingItemSucceedsWhateverTheRestOfTheWhereSays() {
        StatementPlanner.Write write = write("DELETE FROM t WHERE pk = 'a' AND sk = 1 AND v = 3");
        assertEquals("attribute_not_exists(#n0) OR (#n1 = :v0)", write.request().get("ConditionExpression").asText());
        assertFalse(write("DELETE FROM t WHERE pk = 'a' AND sk = 1").request().has("ConditionExpression"));
    }

    @Test
    void writesMustNameTheFullKey() {
        for (String statement : new String[] {"UPDATE t SET a = 1 WHERE pk = 'a'", "DELETE FROM t WHERE pk = 'a' OR sk = 1",
                "UPDATE t SET a = 1", "DELETE FROM t WHERE pk > 'a' AND sk = 1"}) {
            ApiError error = assertThrows(ApiError.class, () -> write(statement));
            assertEquals("Where clause does not contain a mandatory equality on all key attributes", error.getMessage());
        }
    }

    @Test
    void deleteReturnsOnlyAllOld() {
        ApiError error = assertThrows(ApiError.class,
                () -> write("DELETE FROM t WHERE pk = 'a' AND sk = 1 RETURNING ALL NEW *"));
        assertEquals("Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed in DELETE"
                + " statements.", error.getMessage());
    }

    @Test
    void existsIsAConditionCheckThatTheItemExists() {
        StatementPlanner.Write write = write("EXISTS(SELECT * FROM t WHERE pk = 'a' AND sk = 1 AND n IS MISSING)");
        assertEquals(json("{`ConditionCheck`: {`TableName`: `t`, `Key`: {`pk`: {`S`: `a`}, `sk`: {`N`: `1`}},"
                + " `ConditionExpression`: `attribute_exists(#n0) AND attribute_not_exists(#n1)`,"
                + " `ExpressionAttributeNames`: {`#n0`: `pk`, `#n1`: `n`}}}"), write.transactAction());
    }

    @Test
    void parametersMustMatchTheQuestionMarks() {
        ApiError error = assertThrows(ApiError.class, () -> select("SELECT * FROM t WHERE pk = ?", null));
        assertEquals("Number of parameters in request and statement don't match.", error.getMessage());
    }
}
