package io.dynamis.core.expression;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.TextMutations;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.RequestReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random mutations of valid requests thrown at the request readers: whatever the text, the answer is
 * a result or a ValidationException / SerializationException, never another exception (which the
 * service would answer with a 500), a stack overflow or a hang.
 */
class ExpressionFuzzTest {

    private static final List<String> CONDITIONS = List.of(
            "attribute_exists(#a) AND (b.c[1] BETWEEN :lo AND :hi OR NOT contains(d, :v))",
            "size(#a) > :n AND begins_with(s, :v) OR e IN (:v, :lo, :hi)",
            "attribute_type(#a, :t) AND (((x = :v)) OR y <> :v)");
    private static final List<String> UPDATES = List.of(
            "SET #a = if_not_exists(#a, :n) + :n, l = list_append(l, :l) REMOVE b.c[2] ADD s :s DELETE t :s",
            "SET a.b[3].c = :v, d = (e - :n) REMOVE x, y");
    private static final List<String> PROJECTIONS = List.of("#a, b.c[1].d, e[0][2]");
    private static final String VALUES = "{':v': {'S': 'x'}, ':lo': {'N': '1'}, ':hi': {'N': '9'}, ':n': {'N': '2'},"
            + " ':t': {'S': 'S'}, ':l': {'L': []}, ':s': {'SS': ['q']}}";
    private static final List<String> FRAGMENTS = List.of("(", ")", "((((", "))))", " AND ", " OR ", " NOT ", "=", "<>",
            "[", "]", "[99999999999]", ".", ",", "#", ":", "#a", ":v", "size(", "if_not_exists(", "list_append(", "SET ",
            " REMOVE ", " ADD ", " DELETE ", " BETWEEN ", " IN (", "\u0000", "\u00e9", "\ud83d\ude00", "9", "+", "-", " ");

    @Provide
    Arbitrary<String> mutatedCondition() {
        return mutated(Arbitraries.of(CONDITIONS));
    }

    @Provide
    Arbitrary<String> mutatedUpdate() {
        return mutated(Arbitraries.of(UPDATES));
    }

    @Provide
    Arbitrary<String> mutatedProjection() {
        return mutated(Arbitraries.of(PROJECTIONS));
    }

    /** A valid text with one to six edits: fragments inserted, spans deleted or repeated. */
    private static Arbitrary<String> mutated(Arbitrary<String> valid) {
        return TextMutations.mutated(valid, FRAGMENTS, 5000);
    }

    private static RequestReader request(String member, String expression, boolean withValues) {
        ObjectNode body = (ObjectNode) Json.readTree(("{" + (withValues ? "'ExpressionAttributeValues': " + VALUES + ", " : "")
                + "'ExpressionAttributeNames': {'#a': 'a'}}").replace('\'', '"').getBytes(StandardCharsets.UTF_8));
        body.put(member, expression);
        return new RequestReader(body);
    }

    /** Runs a reader on the text; only a result or DynamoDB's client errors may come back. */
    private static void answersWithoutServerError(Consumer<RequestReader> reader, RequestReader request) {
        try {
            reader.accept(request);
        } catch (ApiError e) {
            assertTrue(e.code() == ErrorCode.VALIDATION || e.code() == ErrorCode.SERIALIZATION, e.code() + ": " + e.getMessage());
        }
    }

    @Property(tries = 600)
    void mutatedConditionsNeverFailOtherwise(@ForAll("mutatedCondition") String condition) {
        answersWithoutServerError(ItemExpressions::condition, request("ConditionExpression", condition, true));
        answersWithoutServerError(ItemExpressions::scan, request("FilterExpression", condition, true));
        answersWithoutServerError(ItemExpressions::query, request("KeyConditionExpression", condition, true));
    }

    @Property(tries = 600)
    void mutatedUpdatesNeverFailOtherwise(@ForAll("mutatedUpdate") String update) {
        answersWithoutServerError(ItemExpressions::update, request("UpdateExpression", update, true));
    }

    @Property(tries = 300)
    void mutatedProjectionsNeverFailOtherwise(@ForAll("mutatedProjection") String projection) {
        answersWithoutServerError(ItemExpressions::projection, request("ProjectionExpression", projection, false));
    }

    @Property(tries = 300)
    void mutatedRequestBodiesAreParsedOrRefused(@ForAll("mutatedBody") byte[] body) {
        ObjectNode parsed;
        try {
            parsed = Json.parseRequest(body);
        } catch (ApiError e) {
            assertTrue(e.code() == ErrorCode.SERIALIZATION, e.code().toString());
            return;
        }
        answersWithoutServerError(ItemExpressions::update, new RequestReader(parsed));
    }

    @Provide
    Arbitrary<byte[]> mutatedBody() {
        byte[] valid = ("{\"UpdateExpression\": \"SET #a = :v\", \"ExpressionAttributeNames\": {\"#a\": \"a\"},"
                + " \"ExpressionAttributeValues\": {\":v\": {\"M\": {\"k\": {\"NS\": [\"1\", \"2\"]}}}},"
                + " \"Expected\": {\"x\": {\"ComparisonOperator\": \"EQ\"}}}").getBytes(StandardCharsets.UTF_8);
        return Combinators.combine(Arbitraries.integers().between(0, valid.length - 1),
                Arbitraries.bytes(), Arbitraries.integers().between(0, 2)).as((at, b, kind) -> {
                    byte[] copy = valid.clone();
                    if (kind == 0) {
                        copy[at] = b;
                        return copy;
                    }
                    if (kind == 1) {
                        return java.util.Arrays.copyOf(copy, at);
                    }
                    byte[] longer = java.util.Arrays.copyOf(copy, copy.length + 1);
                    System.arraycopy(copy, at, longer, at + 1, copy.length - at);
                    longer[at] = b;
                    return longer;
                });
    }
}
