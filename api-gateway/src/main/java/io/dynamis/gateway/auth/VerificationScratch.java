package io.dynamis.gateway.auth;

import io.netty.util.concurrent.FastThreadLocal;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * What a thread reuses from one signature verification to the next, in one object found once per request:
 * the SHA-256 digest and the HMAC (keyed with the last key it was asked for), the hash bytes, the text
 * buffer the canonical request and the string to sign are written in, the single values of the signed
 * headers and the pass that finds them, and what the thread's clients repeat (the last X-Amz-Date, the last
 * Authorization header read, the last signing key, the last credential's scope and SignedHeaders list).
 * Held by a Netty {@link FastThreadLocal}: on the event loops (Netty's threads) an index into the thread's
 * array, not a {@link ThreadLocal}'s hash lookup.
 * One thread's: never shared, never kept past a request.
 */
final class VerificationScratch {

    private static final FastThreadLocal<VerificationScratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected VerificationScratch initialValue() {
            return new VerificationScratch();
        }
    };

    final MessageDigest sha256 = HmacSha256.sha256();
    /** HMAC-SHA256 keyed with the last key it was asked for. */
    final HmacSha256 hmac = new HmacSha256();
    /** 32 bytes for a hash (the body's, the canonical request's, the signature). */
    final byte[] hash = new byte[32];
    final Utf8Buffer text = new Utf8Buffer();
    /** The signed headers' single values, by their index in the signed list. */
    String[] singleValues = new String[16];
    final Security.SingleValues singleValuesPass = new Security.SingleValues();
    AuthorizationHeader.Read lastHeader;
    SigningKeyCache.Derived lastKey;
    /**
     * The last X-Amz-Date's instant (a client sends one a second), the last credential's scope and the last
     * SignedHeaders list's names (pure functions of the text).
     */
    final LastAnswer<Instant> lastDate = new LastAnswer<>();
    final LastAnswer<String[]> lastScope = new LastAnswer<>();
    final LastAnswer<SigV4Verifier.SignedHeaders> lastSignedHeaders = new LastAnswer<>();

    private VerificationScratch() {
    }

    /** The calling thread's. */
    static VerificationScratch get() {
        return SCRATCH.get();
    }

    /** {@link #singleValues}, with room for {@code count} names. */
    String[] singleValues(int count) {
        if (singleValues.length < count) {
            singleValues = new String[count];
        }
        return singleValues;
    }
}
