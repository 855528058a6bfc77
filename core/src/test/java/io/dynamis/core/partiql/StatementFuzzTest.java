package io.dynamis.core.partiql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.TextMutations;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.expression.ItemExpressions;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.RequestReader;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random mutations of valid statements, parsed, planned and their lowered expressions read by the expression
 * language: whatever the text, the answer is a plan or a ValidationException, never another exception (a 500),
 * a stack overflow or a hang.
 */
class StatementFuzzTest {

    private static final TableKeys KEYS = new TableKeys("t", new TableKeys.Keys("pk", "sk"),
            Map.of("idx", new TableKeys.Keys("color", "size")));
    private static final JsonNode PARAMETERS = Json.readTree(
            "[{\"S\": \"a\"}, {\"N\": \"1\"}, {\"SS\": [\"x\"]}]".getBytes());
    private static final List<String> STATEMENTS = List.of(
            "SELECT a, b.c[1], \"d e\" FROM \"t\".\"idx\" WHERE color = ? AND size BETWEEN 1 AND ? AND NOT x IN [1, 'two']",
            "SELECT * FROM t WHERE pk IN ('a', 'b') AND begins_with(sk, 'p') OR size(l) > 2 AND y IS NOT MISSING",
            "INSERT INTO t VALUE {'pk': ?, 'sk': ?, 'm': {'l': [1, -2.5e3, true, null, <<'q', 'r'>>]}}",
            "UPDATE t SET a = a + 1, l = list_append(l, [?]) SET s = set_add(s, ?) REMOVE r[2] WHERE pk = 'a'"
                    + " AND sk = 1 AND attribute_type(z, 'S') RETURNING MODIFIED NEW *",
            "DELETE FROM t WHERE pk = ? AND sk = 1 AND (v = 'x' OR w IS MISSING) RETURNING ALL OLD *",
            "EXISTS(SELECT * FROM t WHERE pk = 'a' AND sk = ? AND contains(tags, 'x'))");
    private static final List<String> FRAGMENTS = List.of("(", ")", "((((", "))))", " AND ", " OR ", " NOT ", "=", "<>",
            "[", "]", "[99999999999]", "{", "}", "<<", ">>", ".", ",", "'", "''", "\"", "?", ":", "-", "+", " IN ",
            " BETWEEN ", " IS ", " MISSING ", "size(", "set_delete(", "SELECT ", " WHERE ", " SET ", " REMOVE ",
            "\u0000", "\u00e9", "\ud83d\ude00", "9", "1e999999", " ");

    @Provide
    Arbitrary<String> mutatedStatement() {
        return TextMutations.mutated(Arbitraries.of(STATEMENTS), FRAGMENTS, 8000);
    }

    @Property(tries = 800)
    void mutatedStatementsArePlannedOrRefused(@ForAll("mutatedStatement") String text) {
        try {
            StatementParser.Parsed parsed = StatementParser.parse(text);
            Statement statement = parsed.statement();
            if (statement instanceof Statement.Select select) {
                for (ObjectNode request : StatementPlanner.select(select, PARAMETERS, KEYS).requests()) {
                    RequestReader reader = new RequestReader(request);
                    if (request.has("KeyConditionExpression")) {
                        ItemExpressions.query(reader);
                    } else {
                        ItemExpressions.scan(reader);
                    }
                }
            } else {
                ObjectNode request = StatementPlanner.write(statement, PARAMETERS, KEYS).request();
                RequestReader reader = new RequestReader(request);
                if (request.has("UpdateExpression")) {
                    ItemExpressions.update(reader);
                } else {
                    ItemExpressions.condition(reader);
                }
            }
        } catch (ApiError e) {
            assertEquals(ErrorCode.VALIDATION, e.code(), e.getMessage());
        }
    }
}
