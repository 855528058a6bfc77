package io.dynamis.gateway.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** DynamoDB requests signed by the AWS SDK's own SigV4 signer, as {@link SigV4Request}s the verifier reads. */
final class SignedRequests {

    private SignedRequests() {
    }

    static SdkHttpFullRequest unsigned(String target) {
        return SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://127.0.0.1:8000/"))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810." + target)
                .build();
    }

    /** Signed in the Authorization header at {@code at}, with long-term or (token not null) temporary credentials. */
    static SdkHttpRequest sign(SdkHttpFullRequest request, byte[] body, String keyId, String secret, String token,
            String region, Instant at) {
        AwsCredentialsIdentity identity = token == null ? AwsCredentialsIdentity.create(keyId, secret)
                : AwsSessionCredentialsIdentity.create(keyId, secret, token);
        return AwsV4HttpSigner.create().sign(r -> r.identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
    }

    /** Presigned in the query string at {@code at}, valid for {@code expires}. */
    static SdkHttpRequest presign(SdkHttpFullRequest request, byte[] body, String keyId, String secret, Instant at,
            Duration expires) {
        return AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(keyId, secret))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
    }

    /** What the gateway sees of the signed request, with the body as sent. */
    static SigV4Request received(SdkHttpRequest signed, byte[] body) {
        String query = signed.getUri().getRawQuery();
        return new SigV4Request(signed.method().name(), signed.encodedPath().isEmpty() ? "/" : signed.encodedPath(),
                query, headers(signed), body);
    }

    /** The headers the gateway sees of a signed request, by lower-case name (a copy the caller may change). */
    static Map<String, List<String>> headers(SdkHttpRequest signed) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signed.forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
        headers.putIfAbsent("host", List.of(signed.host() + (signed.port() == 80 ? "" : ":" + signed.port())));
        return headers;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
