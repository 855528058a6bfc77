package io.dynamis.gateway.auth;

import static io.dynamis.gateway.auth.SignedRequests.bytes;
import static io.dynamis.gateway.auth.SignedRequests.sign;
import static io.dynamis.gateway.auth.SignedRequests.unsigned;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dynamis.core.error.ApiError;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.headers.HeadersAdaptor;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import io.vertx.core.net.HostAndPort;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpRequest;

/** The gateway's view of a request's headers (Vert.x's map, names in any case) as the verifier reads them. */
class RequestHeadersTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    private static final String KEY = "AKIDALICE0000000001";
    private static final String SECRET = "alice-secret";
    private static final byte[] BODY = bytes("{\"TableName\":\"Music\",\"Key\":{\"Artist\":{\"S\":\"alice\"}}}");

    private final SigV4Verifier verifier = new SigV4Verifier("us-east-1", new SigningKeyCache());
    private final Map<String, AccessKey> keys = Map.of(KEY, AccessKey.longTerm(KEY, SECRET, "alice"));

    @Test
    void eachNameAskedForGetsItsOnlyValueOrNullWhenAbsentOrRepeated() {
        MultiMap headers = HeadersMultiMap.httpHeaders();
        headers.add("Content-Type", "application/x-amz-json-1.0");
        headers.add("X-Amz-Meta", "1");
        headers.add("x-amz-meta", "2");
        headers.add("X-AMZ-TARGET", "DynamoDB_20120810.GetItem");
        String[] values = new String[5];
        new Security.RequestHeaders(headers, () -> null)
                .singleValues(new HeaderNames(List.of("content-type", "host", "x-amz-meta", "x-amz-target")), values);
        assertArrayEquals(new String[] {"application/x-amz-json-1.0", null, null, "DynamoDB_20120810.GetItem", null},
                values);
    }

    @Test
    void aServerRequestsMapIsReadWithoutAStringOfEachHeaderNotAskedFor() {
        List<String> made = new ArrayList<>();
        MultiMap headers = HeadersMultiMap.httpHeaders();
        for (String name : List.of("Content-Type", "User-Agent", "X-Amz-Meta", "x-amz-meta", "X-AMZ-TARGET", "Accept")) {
            headers.add(new Text(name, made), new Text("v:" + name, made));
        }
        String[] values = new String[3];
        new Security.RequestHeaders(headers, () -> null)
                .singleValues(new HeaderNames(List.of("content-type", "x-amz-meta", "x-amz-target")), values);
        assertArrayEquals(new String[] {"v:Content-Type", null, "v:X-AMZ-TARGET"}, values);
        // only the values of the names asked for became Strings, but a repeated one's second (Vert.x's forEach
        // makes one of every name and value)
        assertEquals(List.of("v:Content-Type", "v:X-Amz-Meta", "v:X-AMZ-TARGET"), made);
    }

    @Test
    void anyOtherMapGivesTheSameSingleValues() {
        HeaderNames names = new HeaderNames(List.of("content-type", "host", "x-amz-meta", "x-amz-target"));
        MultiMap vertx = HeadersMultiMap.httpHeaders();
        MultiMap other = new HeadersAdaptor(new DefaultHttpHeaders());
        for (MultiMap headers : List.of(vertx, other)) {
            headers.add("Content-Type", "application/x-amz-json-1.0");
            headers.add("X-Amz-Meta", "1");
            headers.add("x-amz-meta", "2");
            headers.add(new AsciiString("X-AMZ-TARGET"), "DynamoDB_20120810.GetItem");
        }
        String[] fromVertx = new String[4];
        String[] fromOther = new String[4];
        new Security.RequestHeaders(vertx, () -> null).singleValues(names, fromVertx);
        new Security.RequestHeaders(other, () -> null).singleValues(names, fromOther);
        assertArrayEquals(new String[] {"application/x-amz-json-1.0", null, null, "DynamoDB_20120810.GetItem"}, fromVertx);
        assertArrayEquals(fromVertx, fromOther);
    }

    /** A header's name or value that notes when a String is made of it. */
    private record Text(String text, List<String> made) implements CharSequence {

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            made.add(text);
            return text;
        }
    }

    @Test
    void aRequestSignedWithARepeatedHeaderAndTheHostFromTheAuthorityVerifies() {
        var request = unsigned("GetItem").toBuilder().putHeader("X-Amz-Meta", List.of("a", " b  c ")).build();
        SdkHttpRequest signed = sign(request, BODY, KEY, SECRET, null, "us-east-1", NOW);
        MultiMap headers = HeadersMultiMap.httpHeaders();
        signed.forEachHeader((name, values) -> values.forEach(value -> headers.add(name, value)));
        headers.remove("Host"); // HTTP/2: the host is the request's authority
        HostAndPort authority = HostAndPort.create("127.0.0.1", 8000);
        assertEquals("alice", verify(headers, authority).principal());
        // the repeated header's values are signed in their order
        headers.remove("X-Amz-Meta");
        headers.add("x-amz-meta", " b  c ");
        headers.add("x-amz-meta", "a");
        ApiError e = assertThrows(ApiError.class, () -> verify(headers, authority));
        assertEquals(SigV4Verifier.MISMATCH, e.getMessage());
    }

    @Test
    void theHeadersTheVerifierLooksUpAreFoundInAnyCase() {
        MultiMap headers = HeadersMultiMap.httpHeaders();
        headers.add("AUTHORIZATION", "AWS4-HMAC-SHA256 a");
        headers.add("X-Amz-Date", "20260304T050607Z");
        headers.add("x-AMZ-security-TOKEN", "token");
        headers.add("Host", "127.0.0.1:8000");
        Security.RequestHeaders view = new Security.RequestHeaders(headers, () -> null);
        assertEquals("AWS4-HMAC-SHA256 a", view.first("authorization"));
        assertEquals("20260304T050607Z", view.first("x-amz-date"));
        assertEquals("token", view.first("x-amz-security-token"));
        assertEquals("127.0.0.1:8000", view.first("host"));
        assertEquals(null, view.first("date"));
    }

    @Test
    void aBodyThatIsPartOfALargerArrayIsHashedAsItsOwnBytes() {
        SdkHttpRequest signed = sign(unsigned("GetItem"), BODY, KEY, SECRET, null, "us-east-1", NOW);
        MultiMap headers = HeadersMultiMap.httpHeaders();
        signed.forEachHeader((name, values) -> values.forEach(value -> headers.add(name, value)));
        byte[] around = new byte[BODY.length + 10];
        System.arraycopy(BODY, 0, around, 3, BODY.length);
        // a slice (its own array offset) and a window (a position and a limit) of the larger array
        ByteBuffer slice = ByteBuffer.wrap(around, 3, BODY.length).slice();
        ByteBuffer window = ByteBuffer.wrap(around, 3, BODY.length);
        ByteBuffer direct = ByteBuffer.allocateDirect(around.length).put(around).position(3).limit(3 + BODY.length);
        for (ByteBuffer body : List.of(slice, window, direct)) {
            int position = body.position();
            assertEquals("alice", verifier.verify(new SigV4Request("POST", "/", null,
                    new Security.RequestHeaders(headers, () -> null), body), NOW, keys::get).principal());
            assertEquals(position, body.position()); // the request's buffer is read, not moved
        }
        ByteBuffer tooMuch = ByteBuffer.wrap(around, 3, BODY.length + 1);
        ApiError e = assertThrows(ApiError.class, () -> verifier.verify(new SigV4Request("POST", "/", null,
                new Security.RequestHeaders(headers, () -> null), tooMuch), NOW, keys::get));
        assertEquals(SigV4Verifier.MISMATCH, e.getMessage());
    }

    private AccessKey verify(MultiMap headers, HostAndPort authority) {
        return verifier.verify(new SigV4Request("POST", "/", null, new Security.RequestHeaders(headers, () -> authority),
                ByteBuffer.wrap(BODY)), NOW, keys::get);
    }
}
