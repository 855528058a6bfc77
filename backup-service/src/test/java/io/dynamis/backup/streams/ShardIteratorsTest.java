package io.dynamis.backup.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dynamis.core.error.ApiError;
import org.junit.jupiter.api.Test;

class ShardIteratorsTest {

    @Test
    void anIteratorCarriesItsStreamShardAndPosition() {
        var position = new ShardIterators.Position("arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x",
                "shardId-00000001700000000000-00000000", 42);
        assertEquals(position, ShardIterators.decode(ShardIterators.encode(position)));
    }

    @Test
    void aMalformedIteratorIsAValidationError() {
        for (String bad : new String[] {"", "not-an-iterator", "eyJhIjoxfQ"}) {
            ApiError error = assertThrows(ApiError.class, () -> ShardIterators.decode(bad));
            assertEquals("Invalid ShardIterator", error.getMessage());
        }
    }
}
