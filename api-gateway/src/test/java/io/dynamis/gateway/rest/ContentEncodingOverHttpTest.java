package io.dynamis.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** gzip both ways: a gzip request body is inflated within the size limit; answers are gzipped when accepted. */
class ContentEncodingOverHttpTest {

    private static final long MAX_BYTES = 4096;
    private static LoopbackServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new LoopbackServer((request, body) -> ContentEncoding.requestBody(request, body, MAX_BYTES).toString()
                + "|accepts gzip: " + ContentEncoding.acceptsGzip(request));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static LoopbackServer.Answer post(byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return server.send("/", request);
    }

    private static byte[] gzip(String text) {
        return ContentEncoding.gzip(Buffer.buffer(text)).getBytes();
    }

    @Test
    void aPlainOrIdentityBodyIsTakenAsItIs() throws Exception {
        assertEquals(new LoopbackServer.Answer(200, "{\"TableName\":\"t\"}|accepts gzip: false"),
                post("{\"TableName\":\"t\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(new LoopbackServer.Answer(200, "{}|accepts gzip: false"),
                post("{}".getBytes(StandardCharsets.UTF_8), "Content-Encoding", " Identity "));
    }

    @Test
    void aGzipBodyIsInflated() throws Exception {
        String json = "{\"TableName\":\"" + "t".repeat(1000) + "\"}";
        assertEquals(new LoopbackServer.Answer(200, json + "|accepts gzip: false"),
                post(gzip(json), "Content-Encoding", "GZIP"));
    }

    @Test
    void aGzipBodyMayInflateToTheLimitButNotBeyond() throws Exception {
        String atLimit = "x".repeat((int) MAX_BYTES);
        assertEquals(new LoopbackServer.Answer(200, atLimit + "|accepts gzip: false"),
                post(gzip(atLimit), "Content-Encoding", "gzip"));
        assertEquals(new LoopbackServer.Answer(413, "RequestEntityTooLargeException: Request Entity Too Large"),
                post(gzip(atLimit + "x"), "Content-Encoding", "gzip"));
    }

    @Test
    void anUnknownEncodingOrABrokenGzipBodyIsASerializationError() throws Exception {
        assertEquals(new LoopbackServer.Answer(400, "SerializationException: Unsupported Content-Encoding: br"),
                post("{}".getBytes(StandardCharsets.UTF_8), "Content-Encoding", "br"));
        assertEquals(new LoopbackServer.Answer(400, "SerializationException: The request body is not valid gzip"),
                post("{}".getBytes(StandardCharsets.UTF_8), "Content-Encoding", "gzip"));
    }

    @Test
    void gzipIsAcceptedUnlessItsWeightIsZero() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertEquals("{}|accepts gzip: true", post(body, "Accept-Encoding", "deflate, gzip").body());
        assertEquals("{}|accepts gzip: true", post(body, "Accept-Encoding", "GZIP;q=0.5").body());
        assertEquals("{}|accepts gzip: false", post(body, "Accept-Encoding", "gzip; q=0").body());
        assertEquals("{}|accepts gzip: false", post(body, "Accept-Encoding", "identity, br").body());
    }

    @Test
    void gzipIsReadBackByTheJdk() throws IOException {
        String json = "{\"Items\":[" + "{\"pk\":{\"S\":\"x\"}},".repeat(200) + "{}]}";
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip(json)))) {
            assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
    }
}
