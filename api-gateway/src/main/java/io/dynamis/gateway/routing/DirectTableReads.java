package io.dynamis.gateway.routing;

import io.dynamis.core.model.ByteSequences;
import io.dynamis.core.protocol.AmzTarget;
import io.dynamis.core.shard.ShardRouter;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * A Query or Scan of a table (no IndexName), sent by a gateway that does not play query-service straight to
 * item-service's {@code DynamisReadItems}: query-service only passes such a read on to it
 * ({@code BaseTableReads}), so the hop through query-service is left out. A read naming an index still goes
 * to query-service, which reads its global indexes itself.
 *
 * <p>The body is never parsed here: a body that may name an index (the bytes {@code "IndexName"}, or any
 * backslash-u escape, with which a member name could spell it) goes the long way, so a table read is never
 * mistaken for an index read (the other mistake only costs the hop). The client's request is wrapped
 * unparsed as the {@code Request} of {@code DynamisReadItems}, which validates it as query-service would and
 * answers the page, or the error, the client gets.
 */
final class DirectTableReads {

    static final String TARGET = AmzTarget.DYNAMODB + "." + ShardRouter.READ_ITEMS;

    private static final byte[] INDEX_NAME = "\"IndexName\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ESCAPE = "\\u".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "}".getBytes(StandardCharsets.US_ASCII);

    private DirectTableReads() {
    }

    /** True for a Query or Scan whose body surely names no index. */
    static boolean applies(String operation, byte[] body) {
        return ("Query".equals(operation) || "Scan".equals(operation))
                && ByteSequences.indexOf(body, INDEX_NAME) < 0 && ByteSequences.indexOf(body, ESCAPE) < 0;
    }

    /** {@code {"Operation": operation, "RawItems": true, "Request": <body>}}, the body as it came. */
    static Buffer readItemsBody(String operation, Buffer body) {
        byte[] start = ("{\"Operation\":\"" + operation + "\",\"" + ShardRouter.RAW_ITEMS + "\":true,\"Request\":")
                .getBytes(StandardCharsets.US_ASCII);
        return Buffer.buffer(start.length + body.length() + END.length).appendBytes(start).appendBuffer(body)
                .appendBytes(END);
    }
}
