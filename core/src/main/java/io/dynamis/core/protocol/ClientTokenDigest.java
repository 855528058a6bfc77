package io.dynamis.core.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The digest a repeat of a TransactWriteItems under the same {@code ClientRequestToken} must match: the
 * request without its token (and without ReturnConsumedCapacity), as sent. item-service keeps it with the
 * token; the shard router computes it for a transaction across shards, whose token its coordinator shard keeps.
 */
public final class ClientTokenDigest {

    private ClientTokenDigest() {
    }

    public static byte[] of(ObjectNode request) {
        ObjectNode copy = request.deepCopy();
        copy.remove("ClientRequestToken");
        copy.remove("ReturnConsumedCapacity");
        try {
            return MessageDigest.getInstance("SHA-256").digest(Json.toBytes(copy));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
