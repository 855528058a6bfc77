package io.dynamis.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.error.ApiError;
import io.dynamis.gateway.routing.OwningService;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ForwardedJsonTest {

    @Test
    void onlyItemServiceChecksTheBodiesForwardedToIt() {
        assertTrue(ForwardedJson.checkedByOwner(OwningService.ITEM));
        for (OwningService owner : OwningService.values()) {
            if (owner != OwningService.ITEM) {
                assertFalse(ForwardedJson.checkedByOwner(owner), owner.name());
            }
        }
        assertFalse(ForwardedJson.checkedByOwner(null));
    }

    @Test
    void aBodyThatIsNotJsonIsASerializationExceptionBeforeAnyOtherError() {
        ApiError other = ApiError.unknownOperation(null);
        ApiError first = ForwardedJson.firstError("{oops".getBytes(StandardCharsets.UTF_8), other);
        assertEquals(ApiError.serialization(null).toJson(), first.toJson());
        assertSame(other, ForwardedJson.firstError("{\"TableName\":\"t\"}".getBytes(StandardCharsets.UTF_8), other));
    }
}
