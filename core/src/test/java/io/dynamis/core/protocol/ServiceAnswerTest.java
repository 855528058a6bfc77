package io.dynamis.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** An operation's answer is encoded on the caller's context, not on the thread that completed the operation. */
class ServiceAnswerTest {

    /** A value whose encoding records the thread that encodes it. */
    public static final class Witness {
        private final AtomicReference<String> encodedOn;

        Witness(AtomicReference<String> encodedOn) {
            this.encodedOn = encodedOn;
        }

        public String getValue() {
            encodedOn.set(Thread.currentThread().getName());
            return "v";
        }
    }

    @Test
    void anAnswerCompletedOnAnotherThreadIsEncodedOnTheCallersContext() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            AtomicReference<String> encodedOn = new AtomicReference<>();
            AtomicReference<String> callerThread = new AtomicReference<>();
            CompletableFuture<ObjectNode> execution = new CompletableFuture<>();
            CompletableFuture<String> body = new CompletableFuture<>();
            vertx.runOnContext(v -> {
                callerThread.set(Thread.currentThread().getName());
                ServiceAnswer.of(execution).onComplete(answer -> body.complete(
                        answer.result().body().toString(StandardCharsets.UTF_8)));
            });
            while (callerThread.get() == null) {
                Thread.onSpinWait();
            }
            ObjectNode result = Json.object();
            result.putPOJO("witness", new Witness(encodedOn));
            Thread writer = new Thread(() -> execution.complete(result), "item-store-writer");
            writer.start();
            writer.join();
            assertEquals("{\"witness\":{\"value\":\"v\"}}", body.get(10, TimeUnit.SECONDS));
            assertEquals(callerThread.get(), encodedOn.get(), "encoded on the caller's event loop");
            assertTrue(encodedOn.get().startsWith("vert.x-eventloop"), encodedOn.get());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
