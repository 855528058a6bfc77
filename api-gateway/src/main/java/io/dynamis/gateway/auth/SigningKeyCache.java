package io.dynamis.gateway.auth;

import java.nio.charset.StandardCharsets;

/**
 * SigV4's derived signing keys (four HMACs from the secret, the day, the region and the service), kept
 * per secret/day/region/service so that verifying a request costs one HMAC of the string to sign and one
 * of the key chain only on a key's first request of the day. Bounded: past {@link #MAX_ENTRIES} it starts
 * over (a day's keys are all re-derived in microseconds).
 */
public final class SigningKeyCache {

    static final int MAX_ENTRIES = 10_000;

    private record Scope(String secret, String day, String region, String service) {
    }

    /** A signing key, what it was derived from and the cache that holds it. */
    record Derived(SigningKeyCache cache, String secret, String day, String region, String service, byte[] key) {

        boolean of(SigningKeyCache cache, String secret, String day, String region, String service) {
            return this.cache == cache && this.secret.equals(secret) && this.day.equals(day) && this.region.equals(region)
                    && this.service.equals(service);
        }
    }

    private final BoundedMemo<Scope, byte[]> keys = new BoundedMemo<>(MAX_ENTRIES,
            scope -> derive(scope.secret(), scope.day(), scope.region(), scope.service()));
    /** The signing key of a secret for a day (yyyyMMdd), region and service. */
    public byte[] signingKey(String secret, String day, String region, String service) {
        return signingKey(secret, day, region, service, VerificationScratch.get());
    }

    /**
     * The same; the key the thread asked for last kept in its scratch: a client's requests ask for the same
     * one all day, and comparing the strings (the same instances, mostly) costs less than hashing a scope to
     * look it up.
     */
    byte[] signingKey(String secret, String day, String region, String service, VerificationScratch scratch) {
        Derived derived = scratch.lastKey;
        if (derived != null && derived.of(this, secret, day, region, service)) {
            return derived.key();
        }
        byte[] key = keys.get(new Scope(secret, day, region, service));
        scratch.lastKey = new Derived(this, secret, day, region, service, key);
        return key;
    }

    int size() {
        return keys.size();
    }

    static byte[] derive(String secret, String day, String region, String service) {
        VerificationScratch scratch = VerificationScratch.get();
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day, scratch);
        k = hmac(k, region, scratch);
        k = hmac(k, service, scratch);
        return hmac(k, "aws4_request", scratch);
    }

    private static byte[] hmac(byte[] key, String data, VerificationScratch scratch) {
        return mac(key, scratch).sign(data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The thread's HMAC-SHA256, keyed with {@code key}: its keyed states worked out only when the key is another
     * array than last time (a signing key is the same cached array all day).
     */
    static HmacSha256 mac(byte[] key, VerificationScratch scratch) {
        return scratch.hmac.keyed(key);
    }
}
