package io.dynamis.backup.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

class StreamArnsTest {

    @Test
    void aStreamArnNamesItsTableAndLabel() {
        StreamArns.Parts parts = StreamArns.parse(
                "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders.v2/stream/2026-01-02T03:04:05.678");
        assertEquals("arn:aws:dynamodb:eu-west-1:123456789012:table/", parts.tableArnPrefix());
        assertEquals("Orders.v2", parts.tableName());
        assertEquals("2026-01-02T03:04:05.678", parts.label());
        assertEquals(1767323045678L, parts.enabledMillis());
    }

    @Test
    void textThatIsNoStreamArnIsInvalid() {
        for (String bad : new String[] {
                "sdfadfsdfnlfkajakfgjalksfgklasjklasdjfklasdfasdfgasf",
                "arn:aws:dynamodb:us-east-1:000000000000:table/orders",
                "arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/yesterday-at-noon-ish",
                "arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-13-45T99:04:05.678",
                "arn:aws:kinesis:us-east-1:000000000000:table/orders/stream/2026-01-02T03:04:05.678",
                "arn:aws:dynamodb:us-east-1:000000000000:table/o/stream/2026-01-02T03:04:05.678"}) {
            ApiError error = assertThrows(ApiError.class, () -> StreamArns.parse(bad), bad);
            assertEquals(ErrorCode.VALIDATION, error.code());
            assertEquals("Invalid StreamArn", error.getMessage());
        }
    }
}
