package io.dynamis.gateway.auth;

/**
 * One access key of a principal: its id and secret, and, for temporary credentials, the session token
 * the request must carry ({@code X-Amz-Security-Token}) and when it stops working (epoch milliseconds;
 * {@code Long.MAX_VALUE} for a long-term key).
 */
public record AccessKey(String accessKeyId, String secretAccessKey, String principal, String sessionToken,
        long expiresAtMillis) {

    /** A long-term key. */
    public static AccessKey longTerm(String accessKeyId, String secretAccessKey, String principal) {
        return new AccessKey(accessKeyId, secretAccessKey, principal, null, Long.MAX_VALUE);
    }

    public boolean temporary() {
        return sessionToken != null;
    }
}
