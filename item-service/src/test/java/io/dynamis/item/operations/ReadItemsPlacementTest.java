package io.dynamis.item.operations;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import org.junit.jupiter.api.Test;

/**
 * Where item-service reads a pushed-down page: a Query, or a Scan of at most 100 items, on the event loop that
 * received it; any other Scan on a worker.
 */
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
    void aScanPageOfAtMostAHundredItemsIsReadWhereItArrives() {
        assertTrue(ReadItems.readsOnTheCallingThread(scan(100)));
        assertTrue(ReadItems.readsOnTheCallingThread(scan(1)));
    }

    @Test
    void aScanPageOfMoreThanAHundredItemsIsReadOnAWorker() {
        assertFalse(ReadItems.readsOnTheCallingThread(scan(101)));
        ObjectNode textLimit = read("Scan");
        ((ObjectNode) textLimit.get("Request")).put("Limit", "10");
        assertFalse(ReadItems.readsOnTheCallingThread(textLimit));
    }

    @Test
    void aScanRunOfAtMostAHundredItemsIsReadWhereItArrives() {
        ObjectNode run = scan(50);
        run.putArray("Hashes").add(0).add(32768);
        assertTrue(ReadItems.readsOnTheCallingThread(run));
    }

    private static ObjectNode scan(int limit) {
        ObjectNode scan = read("Scan");
        ((ObjectNode) scan.get("Request")).put("Limit", limit);
        return scan;
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
        assertFalse(reads.blocking(scan(100)));
    }
}
