package io.dynamis.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SigV4's derived signing keys (four HMACs from the secret, the day, the region and the service), kept
 * per secret/day/region/service so that verifying a request costs one HMAC of the string to sign and one
 * of the key chain only on a key's first request of the day. Bounded: past {@link #MAX_ENTRIES} it starts
 * over (a day's keys are all re-derived in microseconds).
 */
public final class SigningKeyCache {

    static final int MAX_ENTRIES = 10_000;
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private record Scope(String secret, String day, String region, String service) {
    }

    /** A signing key and what it was derived from. */
    private record Derived(String secret, String day, String region, String service, byte[] key) {

        boolean of(String secret, String day, String region, String service) {
            return this.secret.equals(secret) && this.day.equals(day) && this.region.equals(region)
                    && this.service.equals(service);
        }
    }

    private final BoundedMemo<Scope, byte[]> keys = new BoundedMemo<>(MAX_ENTRIES,
            scope -> derive(scope.secret(), scope.day(), scope.region(), scope.service()));
    /**
     * The key each thread asked for last: a client's requests ask for the same one all day, and comparing
     * the strings (the same instances, mostly) costs less than hashing a scope to look it up.
     */
    private final ThreadLocal<Derived> last = new ThreadLocal<>();

    /** The signing key of a secret for a day (yyyyMMdd), region and service. */
    public byte[] signingKey(String secret, String day, String region, String service) {
        Derived derived = last.get();
        if (derived != null && derived.of(secret, day, region, service)) {
            return derived.key();
        }
        byte[] key = keys.get(new Scope(secret, day, region, service));
        last.set(new Derived(secret, day, region, service, key));
        return key;
    }

    int size() {
        return keys.size();
    }

    static byte[] derive(String secret, String day, String region, String service) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day);
        k = hmac(k, region);
        k = hmac(k, service);
        return hmac(k, "aws4_request");
    }

    /** The key the thread's Mac was last initialised with (the same signing key all day: no re-init). */
    private static final ThreadLocal<byte[]> MAC_KEY = new ThreadLocal<>();

    static byte[] hmac(byte[] key, String data) {
        return mac(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /** The thread's HMAC-SHA256, keyed with {@code key} (initialised only when the key changes). */
    static Mac mac(byte[] key) {
        Mac mac = MAC.get();
        if (MAC_KEY.get() != key) {
            try {
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            MAC_KEY.set(key);
        }
        return mac;
    }
}
