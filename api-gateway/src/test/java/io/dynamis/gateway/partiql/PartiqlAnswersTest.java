package io.dynamis.gateway.partiql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.partiql.Statement;
import io.dynamis.core.partiql.StatementParser;
import org.junit.jupiter.api.Test;

/** How PartiQL answers are shaped from the lowered operations' answers: projections, tokens, capacity. */
class PartiqlAnswersTest {

    private static ObjectNode json(String text) {
        return (ObjectNode) Json.readTree(text.replace('`', '"').getBytes());
    }

    @Test
    void aProjectedPathIsAnsweredUnderItsLeafName() {
        ObjectNode item = json("{`pk`: {`S`: `a`}, `address`: {`M`: {`city`: {`S`: `Lyon`}}},"
                + " `tags`: {`L`: [{`S`: `x`}, {`S`: `y`}]}}");
        Statement.Select select = (Statement.Select) StatementParser.parse(
                "SELECT address.city, tags[1], tags[5], missing.path, pk FROM t").statement();
        assertEquals(json("{`city`: {`S`: `Lyon`}, `tags[1]`: {`S`: `y`}, `pk`: {`S`: `a`}}"),
                PartiqlOperations.project(item, select.projection()));
        assertEquals(item, PartiqlOperations.project(item, null));
    }

    @Test
    void aNextTokenResumesWhereTheReadStoppedAndOnlyForItsStatement() {
        JsonNode key = json("{`pk`: {`S`: `a`}}");
        String token = new PartiqlOperations.PageToken(2, key, "f1").encode();
        PartiqlOperations.PageToken decoded = PartiqlOperations.PageToken.decode(token, "f1");
        assertEquals(2, decoded.request());
        assertEquals(key, decoded.startKey());
        assertNull(PartiqlOperations.PageToken.decode(new PartiqlOperations.PageToken(1, null, "f1").encode(), "f1")
                .startKey());
        assertEquals("NextToken does not match request",
                assertThrows(ApiError.class, () -> PartiqlOperations.PageToken.decode(token, "f2")).getMessage());
        assertEquals("Invalid NextToken",
                assertThrows(ApiError.class, () -> PartiqlOperations.PageToken.decode("%%%", "f1")).getMessage());
    }

    @Test
    void consumedCapacityOfSeveralReadsIsSummed() {
        assertEquals(json("{`TableName`: `t`, `CapacityUnits`: 1.5, `Table`: {`CapacityUnits`: 1.5}}").toString(),
                PartiqlOperations.sum(json("{`TableName`: `t`, `CapacityUnits`: 1.0, `Table`: {`CapacityUnits`: 1.0}}"),
                        json("{`TableName`: `t`, `CapacityUnits`: 0.5, `Table`: {`CapacityUnits`: 0.5}}")).toString());
    }
}
