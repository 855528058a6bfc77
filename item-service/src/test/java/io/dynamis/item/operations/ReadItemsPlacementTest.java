package io.dynamis.item.operations;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import org.junit.jupiter.api.Test;

/** Where item-service reads a pushed-down page: a Query on the event loop that received it, a Scan on a worker. */
class ReadItemsPlacementTest {

    private static ObjectNode read(String operation) {
        ObjectNode body = Json.object();
        body.put("Operation", operation);
        body.set("Request", Json.object().put("TableName", "t"));
        return body;
    }

    @Test
    void aQueryOfOnePartitionIsReadWhereItArrives() {
        assertTrue(ReadItems.readsOnTheCallingThread(read("Query")));
    }

    @Test
    void aScanPageIsReadOnAWorker() {
        assertFalse(ReadItems.readsOnTheCallingThread(read("Scan")));
    }

    @Test
    void aScanRunOverThisShardsHashesIsReadOnAWorker() {
        ObjectNode run = read("Scan");
        run.putArray("Hashes").add(0).add(32768);
        assertFalse(ReadItems.readsOnTheCallingThread(run));
    }

    @Test
    void theOperationDecidesPerRequestSoTheDispatcherMovesOnlyAScan() {
        ReadItems reads = new ReadItems(null, null, null);
        assertFalse(reads.blocking());
        assertFalse(reads.blocking(read("Query")));
        assertTrue(reads.blocking(read("Scan")));
    }
}
