package io.dynamis.item.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.table.StreamHistory;
import io.dynamis.core.table.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CreateTable and UpdateTable keep the table's streams: a disabled one stays in the history, a new one follows it. */
class StreamUpdatesTest {

    private static final long T = 1_767_323_045_678L;

    private static ObjectNode json(String text) {
        return Json.parseRequest(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static TableDefinition update(TableDefinition table, String stream, long nowMillis) {
        return UpdateTableRequest.parse(json("{'TableName':'" + table.name() + "','StreamSpecification':" + stream + "}"))
                .applyTo(table, nowMillis);
    }

    @Test
    void disablingKeepsTheStreamAndEnablingAgainAddsANewOne() {
        TableDefinition table = CreateTableRequest.parse(json("{'TableName':'orders','BillingMode':'PAY_PER_REQUEST',"
                + "'KeySchema':[{'AttributeName':'id','KeyType':'HASH'}],"
                + "'AttributeDefinitions':[{'AttributeName':'id','AttributeType':'S'}],"
                + "'StreamSpecification':{'StreamEnabled':true,'StreamViewType':'KEYS_ONLY'}}"));
        StreamHistory.Stream first = StreamHistory.enabled(table.extra());
        assertEquals("KEYS_ONLY", first.viewType());
        assertEquals(first.label(), table.extra().get(StreamHistory.LATEST_LABEL).asText());

        long off = first.enabledMillis() + 1_000;
        TableDefinition disabled = update(table, "{'StreamEnabled':false}", off);
        assertNull(StreamHistory.enabled(disabled.extra()));
        assertEquals(List.of(new StreamHistory.Stream(first.label(), first.enabledMillis(), "KEYS_ONLY", off)),
                StreamHistory.of(disabled.extra()));
        assertEquals(first.label(), disabled.extra().get(StreamHistory.LATEST_LABEL).asText(), "still the latest");
        ApiError twice = assertThrows(ApiError.class, () -> update(disabled, "{'StreamEnabled':false}", off + 1));
        assertEquals("Table does not have an enabled stream: TableName: orders", twice.getMessage());

        TableDefinition again = update(disabled, "{'StreamEnabled':true,'StreamViewType':'NEW_IMAGE'}", off);
        List<StreamHistory.Stream> streams = StreamHistory.of(again.extra());
        assertEquals(2, streams.size());
        assertEquals(off + 1, streams.get(1).enabledMillis(), "later than the closed stream");
        assertNotEquals(first.label(), streams.get(1).label());
        assertEquals(streams.get(1).label(), again.extra().get(StreamHistory.LATEST_LABEL).asText());
        assertEquals("NEW_IMAGE", StreamHistory.enabled(again.extra()).viewType());
    }

    @Test
    void aTableWithoutAStreamHasNoHistory() {
        TableDefinition table = CreateTableRequest.parse(json("{'TableName':'orders','BillingMode':'PAY_PER_REQUEST',"
                + "'KeySchema':[{'AttributeName':'id','KeyType':'HASH'}],"
                + "'AttributeDefinitions':[{'AttributeName':'id','AttributeType':'S'}]}"));
        assertEquals(List.of(), StreamHistory.of(table.extra()));
        ApiError none = assertThrows(ApiError.class, () -> update(table, "{'StreamEnabled':false}", T));
        assertEquals("Table does not have an enabled stream: TableName: orders", none.getMessage());
    }
}
