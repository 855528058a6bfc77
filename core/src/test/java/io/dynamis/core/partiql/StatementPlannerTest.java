package io.dynamis.core.partiql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementPlannerTest {

    /**
     * Table t: pk (HASH), sk (RANGE); index byColor: color (HASH), size (RANGE); index byMatch, a
     * multi-attribute key: tournament, area (HASH), round, score (RANGE).
     */
    private static final TableKeys KEYS = new TableKeys("t", new TableKeys.Keys("pk", "sk"),
            Map.of("byColor", new TableKeys.Keys("color", "size"),
                    "byMatch", new TableKeys.Keys(List.of("tournament", "area"), List.of("round", "score"))));

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
    void aMultiAttributeIndexIsQueriedWithAnEqualityOnEveryPartitionAttributeAndItsSortAttributesInTurn() {
        StatementPlanner.Read read = select("SELECT * FROM \"t\".\"byMatch\" WHERE area = 'eu' AND x = 1"
                + " AND tournament = 'w24' AND round = 'final' AND score >= 2", null);
        assertEquals("Query", read.operation());
        assertEquals(json("{`TableName`: `t`, `IndexName`: `byMatch`, `FilterExpression`: `#n0 = :v0`,"
                + " `KeyConditionExpression`: `#n3 = :partition AND #n4 = :partition1 AND #n1 = :v1 AND #n2 >= :v2`,"
                + " `ExpressionAttributeNames`: {`#n0`: `x`, `#n1`: `round`, `#n2`: `score`, `#n3`: `tournament`,"
                + " `#n4`: `area`},"
                + " `ExpressionAttributeValues`: {`:v0`: {`N`: `1`}, `:v1`: {`S`: `final`}, `:v2`: {`N`: `2`},"
                + " `:partition`: {`S`: `w24`}, `:partition1`: {`S`: `eu`}}}"), read.requests().get(0));
        assertEquals(json("{`tournament`: {`S`: `w24`}, `area`: {`S`: `eu`}, `round`: {`S`: `final`}, `score`: {`N`: `3`}}"),
                select("SELECT * FROM t.byMatch WHERE score = 3 AND round = 'final' AND area = 'eu'"
                        + " AND tournament = 'w24'", null).fullKey());
    }

    @Test
    void aMultiAttributePartitionTakesOneQueryPerCombinationOfItsInValues() {
        StatementPlanner.Read read = select("SELECT * FROM t.byMatch WHERE tournament IN ['w24', 'w25']"
                + " AND area IN ['eu', 'us']", null);
        assertEquals("Query", read.operation());
        assertEquals(List.of("w24/eu", "w24/us", "w25/eu", "w25/us"), read.requests().stream()
                .map(r -> r.at("/ExpressionAttributeValues/:partition/S").asText() + "/"
                        + r.at("/ExpressionAttributeValues/:partition1/S").asText()).toList());
    }

    @Test
    void aMultiAttributeIndexWithoutEveryPartitionAttributeOrWithASkippedSortAttributeIsScanned() {
        assertEquals("Scan", select("SELECT * FROM t.byMatch WHERE tournament = 'w24'", null).operation());
        // score cannot be a key condition while round has none, and a Query's filter may not read it
        StatementPlanner.Read skipped = select("SELECT * FROM t.byMatch WHERE tournament = 'w24' AND area = 'eu'"
                + " AND score > 1", null);
        assertEquals("Scan", skipped.operation());
        assertEquals("byMatch", skipped.requests().get(0).get("IndexName").asText());
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
