package io.dynamis.gateway.auth;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) of one key at a time, from the key's two SHA-256 states kept keyed: the state after
 * the key's inner pad and the state after its outer pad, each hashed once when the key is set. Signing copies
 * them ({@link MessageDigest#clone}) and hashes only the data and the inner hash: four SHA-256 blocks for a
 * string to sign of up to 119 bytes, where {@link javax.crypto.Mac} hashes six (it hashes the outer pad on
 * every use and the inner pad again after it). Same bytes as {@code Mac.getInstance("HmacSHA256")} for any key
 * ({@code HmacSha256Test}). One thread's ({@link VerificationScratch}).
 */
final class HmacSha256 {

    private static final int BLOCK_BYTES = 64;
    static final int LENGTH = 32;

    private final MessageDigest innerKeyed = sha256();
    private final MessageDigest outerKeyed = sha256();
    private final byte[] innerHash = new byte[LENGTH];
    private final byte[] pad = new byte[BLOCK_BYTES];
    /** The key the states are of (compared by identity: a cached signing key is the same array all day). */
    private byte[] key;

    /** This, keyed with {@code key}; its states worked out only when the key is another array than last time. */
    HmacSha256 keyed(byte[] key) {
        if (this.key != key) {
            rekey(key);
        }
        return this;
    }

    private void rekey(byte[] key) {
        byte[] k = key.length > BLOCK_BYTES ? sha256().digest(key) : key;
        for (int i = 0; i < BLOCK_BYTES; i++) {
            pad[i] = (byte) ((i < k.length ? k[i] : 0) ^ 0x36);
        }
        innerKeyed.reset();
        innerKeyed.update(pad);
        for (int i = 0; i < BLOCK_BYTES; i++) {
            pad[i] ^= 0x36 ^ 0x5c;
        }
        outerKeyed.reset();
        outerKeyed.update(pad);
        this.key = key;
    }

    /** The MAC of data[offset, offset + length) into out[0, 32). */
    void sign(byte[] data, int offset, int length, byte[] out) {
        MessageDigest inner = copy(innerKeyed);
        inner.update(data, offset, length);
        digest(inner, innerHash);
        MessageDigest outer = copy(outerKeyed);
        outer.update(innerHash, 0, LENGTH);
        digest(outer, out);
    }

    /** The MAC of the data, in a new array. */
    byte[] sign(byte[] data) {
        byte[] out = new byte[LENGTH];
        sign(data, 0, data.length, out);
        return out;
    }

    private static MessageDigest copy(MessageDigest keyed) {
        try {
            return (MessageDigest) keyed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e); // the JDK's SHA-256 is cloneable
        }
    }

    private static void digest(MessageDigest digest, byte[] out) {
        try {
            digest.digest(out, 0, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
