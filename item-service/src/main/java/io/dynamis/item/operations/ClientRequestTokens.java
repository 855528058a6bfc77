package io.dynamis.item.operations;

import io.dynamis.core.error.ApiError;
import io.dynamis.item.storage.StoreWrites;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * TransactWriteItems idempotency: a {@code ClientRequestToken} is remembered for ten minutes after its
 * transaction succeeded, with a digest of the request. A repeat with the same token and the same
 * request succeeds without applying anything again; a different request under the same token is an
 * IdempotentParameterMismatchException. Tokens are kept in the store, in the same commit as the
 * transaction, so a client retrying after a crash of item-service is still answered correctly.
 *
 * The digest is {@link io.dynamis.core.protocol.ClientTokenDigest}'s. The coordinator shard of a
 * transaction across shards keeps its token the same way ({@code item.transaction.TransactionDecisions}).
 *
 * <p>Only used on the writer thread.
 */
public final class ClientRequestTokens {

    static final long WINDOW_MILLIS = 10 * 60 * 1000L;
    private static final long SWEEP_EVERY_MILLIS = 60 * 1000L;

    private long lastSweepMillis;

    /**
     * True when the token was used, within the window, for this same request (so it must not be
     * applied again); throws IdempotentParameterMismatchException when it was used for another.
     */
    public boolean alreadyApplied(StoreWrites writes, String token, byte[] digest, long nowMillis) {
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

    public void remember(StoreWrites writes, String token, byte[] digest, long nowMillis) {
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
