package io.dynamis.item.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.item.config.ItemServiceConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single writer and its group commit, on a real MapDB file. */
class StoreWriterTest {

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void concurrentWritesAreAllAppliedAndSurviveReopening() throws Exception {
        ItemServiceConfig config = TestStores.config(dir, 64);
        ItemStore store = new ItemStore(config);
        StoreWriter writer = new StoreWriter(store, config);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<byte[]>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            pool.submit(() -> {
                for (int i = 0; i < 250; i++) {
                    byte[] key = bytes("k-" + thread + "-" + i);
                    byte[] value = StoredItem.encode(java.util.Map.of("k", io.dynamis.core.model.AttributeValue.s("k-" + thread + "-" + i)));
                    synchronized (futures) {
                        futures.add(writer.submit(w -> w.putItem(1, key, value)));
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        for (CompletableFuture<byte[]> f : futures) {
            assertNull(f.get(30, TimeUnit.SECONDS), "every key was new");
        }
        assertEquals(2000, store.stats(1)[0]);
        writer.onShutdown(null);

        ItemStore reopened = new ItemStore(config);
        try {
            assertEquals(2000, reopened.stats(1)[0]);
            assertEquals(java.util.Map.of("k", io.dynamis.core.model.AttributeValue.s("k-7-249")),
                    StoredItem.decode(reopened.get(bytes("k-7-249"))));
        } finally {
            reopened.close();
        }
    }

    @Test
    void aRejectedMutationFailsAloneAndTheBatchCommits() throws Exception {
        ItemServiceConfig config = TestStores.config(dir, 64);
        ItemStore store = new ItemStore(config);
        StoreWriter writer = new StoreWriter(store, config);
        try {
            byte[] one = StoredItem.encode(java.util.Map.of("v", io.dynamis.core.model.AttributeValue.n(1)));
            byte[] two = StoredItem.encode(java.util.Map.of("v", io.dynamis.core.model.AttributeValue.n(2)));
            CompletableFuture<byte[]> before = writer.submit(w -> w.putItem(1, bytes("a"), one));
            CompletableFuture<Object> rejected = writer.submit(w -> {
                throw ApiError.validation("no");
            });
            CompletableFuture<byte[]> after = writer.submit(w -> w.putItem(1, bytes("b"), two));
            before.get(10, TimeUnit.SECONDS);
            after.get(10, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, () -> rejected.get(10, TimeUnit.SECONDS));
            ApiError error = assertInstanceOf(ApiError.class, e.getCause());
            assertEquals(ErrorCode.VALIDATION, error.code());
            assertArrayEquals(two, store.get(bytes("b")));
            assertArrayEquals(one, store.get(bytes("a")));
        } finally {
            writer.onShutdown(null);
        }
    }

    @Test
    void statisticsFollowPutsReplacementsAndRemovals() throws Exception {
        ItemServiceConfig config = TestStores.config(dir, 64);
        ItemStore store = new ItemStore(config);
        StoreWriter writer = new StoreWriter(store, config);
        try {
            byte[] small = StoredItem.encode(java.util.Map.of("pk", io.dynamis.core.model.AttributeValue.s("x")));
            byte[] large = StoredItem.encode(java.util.Map.of("pk", io.dynamis.core.model.AttributeValue.s("x"),
                    "payload", io.dynamis.core.model.AttributeValue.s("0123456789")));
            writer.submit(w -> w.putItem(5, bytes("k"), small)).get(10, TimeUnit.SECONDS);
            assertArrayEquals(new long[] {1, 3}, store.stats(5));
            writer.submit(w -> w.putItem(5, bytes("k"), large)).get(10, TimeUnit.SECONDS);
            assertArrayEquals(new long[] {1, 20}, store.stats(5));
            writer.submit(w -> w.removeItem(5, bytes("k"))).get(10, TimeUnit.SECONDS);
            assertArrayEquals(new long[] {0, 0}, store.stats(5));
        } finally {
            writer.onShutdown(null);
        }
    }
}
