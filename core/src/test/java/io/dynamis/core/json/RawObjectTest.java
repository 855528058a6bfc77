package io.dynamis.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An answer kept as the bytes another process sent is written out as those very bytes, alone or inside another answer. */
class RawObjectTest {

    private static final String PAGE = "{\"Items\":[{\"pk\":{\"S\":\"é 😀 \\\"q\\\"\"}}],\"Count\":1,\"ScannedCount\":1}";

    @Test
    void itSerializesAsTheBytesItWasGiven() {
        RawObject page = RawObject.of(PAGE.getBytes(StandardCharsets.UTF_8));
        assertEquals(PAGE, new String(Json.toBytes(page), StandardCharsets.UTF_8));
    }

    @Test
    void itSerializesAsTheBytesInsideAnotherObjectToo() {
        ObjectNode outer = Json.object();
        outer.set("page", RawObject.of(PAGE.getBytes(StandardCharsets.UTF_8)));
        assertEquals("{\"page\":" + PAGE + "}", new String(Json.toBytes(outer), StandardCharsets.UTF_8));
        assertEquals(Json.readTree(PAGE.getBytes(StandardCharsets.UTF_8)), Json.readTree(Json.toBytes(outer)).get("page"));
    }
}
