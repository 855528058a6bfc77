package io.dynamis.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which requests the endpoint reads past the router: a declared length within the limit, nothing else. */
class DeclaredLengthTest {

    private static final long LIMIT = 100;
    private static LoopbackServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new LoopbackServer((request, body) -> "direct: " + DeclaredLength.within(request, LIMIT));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String post(HttpRequest.BodyPublisher body) throws Exception {
        return server.send("/", HttpRequest.newBuilder().POST(body)).body();
    }

    @Test
    void aDeclaredLengthUpToTheLimitIsReadDirectly() throws Exception {
        assertEquals("direct: true", post(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals("direct: true", post(HttpRequest.BodyPublishers.ofString("x".repeat((int) LIMIT))));
    }

    @Test
    void aLengthOverTheLimitTakesTheRoutersWay() throws Exception {
        assertEquals("direct: false", post(HttpRequest.BodyPublishers.ofString("x".repeat((int) LIMIT + 1))));
    }

    @Test
    void aChunkedBodyTakesTheRoutersWay() throws Exception {
        assertEquals("direct: false", post(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream("{}".getBytes()))));
    }
}
