package io.dynamis.backup.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ShardIteratorsTest {

    private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/t-1/stream/2026-01-02T03:04:05.678";

    @Test
    void anIteratorCarriesItsStreamShardPositionAndIssueTime() {
        var position = new ShardIterators.Position(ARN, "shardId-00000001700000000000-00000000", 42);
        var issued = ShardIterators.decode(ShardIterators.encode(position, 1_000));
        assertEquals(position, issued.position());
        assertEquals(1_000, issued.issuedMillis());
    }

    @Test
    void aMalformedOrForeignIteratorIsAValidationError() {
        String otherArn = base64("{\"a\":\"not-an-arn\",\"s\":\"shardId-1\",\"p\":1,\"t\":1}");
        String noTime = base64("{\"a\":\"" + ARN + "\",\"s\":\"shardId-1\",\"p\":1}");
        String dynamoDbs = ARN + "|1|AAAAAAAAAAEfVq2mCk9oUTv+ZHY5cHyI0cBF0S9Gg7a0";
        for (String bad : new String[] {"", "not-an-iterator", "eyJhIjoxfQ", otherArn, noTime, dynamoDbs}) {
            ApiError error = assertThrows(ApiError.class, () -> ShardIterators.decode(bad));
            assertEquals(ErrorCode.VALIDATION, error.code());
            assertEquals("Invalid ShardIterator", error.getMessage());
        }
    }

    @Test
    void anIteratorExpiresFifteenMinutesAfterItWasHandedOut() {
        var position = new ShardIterators.Position(ARN, "shardId-00000001700000000000-00000000", 7);
        var issued = ShardIterators.decode(ShardIterators.encode(position, 0));
        assertEquals(position, ShardIterators.fresh(issued, 15 * 60_000L));
        ApiError error = assertThrows(ApiError.class, () -> ShardIterators.fresh(issued, 15 * 60_000L + 1));
        assertEquals(ErrorCode.EXPIRED_ITERATOR, error.code());
        assertEquals("Iterator expired. The iterator was created at time Thu Jan 01 00:00:00 UTC 1970 while right now"
                + " it is Thu Jan 01 00:15:00 UTC 1970 which is further in the future than the tolerated delay of"
                + " 900000 milliseconds.", error.getMessage());
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
