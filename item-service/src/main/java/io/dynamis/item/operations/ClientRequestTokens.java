package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.item.storage.StoreWrites;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * TransactWriteItems idempotency: a {@code ClientRequestToken} is remembered for ten minutes after its
 * transaction succeeded, with a digest of the request. A repeat with the same token and the same
 * request succeeds without applying anything again; a different request under the same token is an
 * IdempotentParameterMismatchException. Tokens are kept in the store, in the same commit as the
 * transaction, so a client retrying after a crash of item-service is still answered correctly.
 *
 * <p>Only used on the writer thread.
 */
final class ClientRequestTokens {

    static final long WINDOW_MILLIS = 10 * 60 * 1000L;
    private static final long SWEEP_EVERY_MILLIS = 60 * 1000L;

    private long lastSweepMillis;

    /** The digest a repeat of the request must match: the request without its token, as sent. */
    static byte[] digest(ObjectNode request) {
        ObjectNode copy = request.deepCopy();
        copy.remove("ClientRequestToken");
        copy.remove("ReturnConsumedCapacity");
        try {
            return MessageDigest.getInstance("SHA-256").digest(Json.toBytes(copy));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * True when the token was used, within the window, for this same request (so it must not be
     * applied again); throws IdempotentParameterMismatchException when it was used for another.
     */
    boolean alreadyApplied(StoreWrites writes, String token, byte[] digest, long nowMillis) {
        sweep(writes, nowMillis);
        byte[] record = writes.transactionToken(token);
        if (record == null || expired(record, nowMillis)) {
            return false;
        }
        if (!Arrays.equals(Arrays.copyOfRange(record, 8, record.length), digest)) {
            throw ApiError.idempotentParameterMismatch(
                    "The request uses the same client token as a previous, but non-identical request.");
        }
        return true;
    }

    void remember(StoreWrites writes, String token, byte[] digest, long nowMillis) {
        writes.putTransactionToken(token, ByteBuffer.allocate(8 + digest.length).putLong(nowMillis).put(digest).array());
    }

    private void sweep(StoreWrites writes, long nowMillis) {
        if (nowMillis - lastSweepMillis >= SWEEP_EVERY_MILLIS) {
            lastSweepMillis = nowMillis;
            writes.expireTransactionTokens(record -> expired(record, nowMillis));
        }
    }

    private static boolean expired(byte[] record, long nowMillis) {
        return nowMillis - ByteBuffer.wrap(record, 0, 8).getLong() >= WINDOW_MILLIS;
    }
}
