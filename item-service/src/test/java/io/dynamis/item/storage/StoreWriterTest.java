package io.dynamis.item.storage;

import static io.dynamis.item.storage.TestStores.item;
import static io.dynamis.item.storage.TestStores.key;
import static io.dynamis.item.storage.TestStores.storageKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.config.ItemServiceConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single writer and its group commit, on a real store file. */
class StoreWriterTest {

    @TempDir
    Path dir;

    @Test
    void concurrentWritesAreAllAppliedAndSurviveReopening() throws Exception {
        ItemServiceConfig config = TestStores.config(dir, 64);
        ItemStore store = new ItemStore(config);
        StoreWriter writer = TestStores.writer(store, config);
        TableDefinition table = TestStores.table(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<byte[]>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            pool.submit(() -> {
                for (int i = 0; i < 250; i++) {
                    String pk = "k-" + thread + "-" + i;
                    byte[] value = item(pk, Map.of());
                    synchronized (futures) {
                        futures.add(writer.submit(w -> w.putItem(table, key(pk), storageKey(table, pk), value)));
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
            assertEquals(Map.of("pk", AttributeValue.s("k-7-249")),
                    StoredItem.decode(reopened.get(storageKey(table, "k-7-249"))));
        } finally {
            reopened.close();
        }
    }

    @Test
    void aRejectedMutationFailsAloneAndTheBatchCommits() throws Exception {
        TableDefinition table = TestStores.table(1);
        try (TestStores.Open open = TestStores.Open.at(TestStores.config(dir, 64))) {
            StoreWriter writer = open.writer();
            ItemStore store = open.store();
            byte[] one = item("a", Map.of("v", AttributeValue.n(1)));
            byte[] two = item("b", Map.of("v", AttributeValue.n(2)));
            CompletableFuture<byte[]> before = writer.submit(w -> w.putItem(table, key("a"), storageKey(table, "a"), one));
            CompletableFuture<Object> rejected = writer.submit(w -> {
                throw ApiError.validation("no");
            });
            CompletableFuture<byte[]> after = writer.submit(w -> w.putItem(table, key("b"), storageKey(table, "b"), two));
            before.get(10, TimeUnit.SECONDS);
            after.get(10, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, () -> rejected.get(10, TimeUnit.SECONDS));
            ApiError error = assertInstanceOf(ApiError.class, e.getCause());
            assertEquals(ErrorCode.VALIDATION, error.code());
            assertArrayEquals(two, store.get(storageKey(table, "b")));
            assertArrayEquals(one, store.get(storageKey(table, "a")));
        }
    }

    @Test
    void statisticsFollowPutsReplacementsAndRemovals() throws Exception {
        TableDefinition table = TestStores.table(5);
        try (TestStores.Open open = TestStores.Open.at(TestStores.config(dir, 64))) {
            open.put(table, "x", item("x", Map.of()));
            assertArrayEquals(new long[] {1, 3}, open.store().stats(5));
            open.put(table, "x", item("x", Map.of("payload", AttributeValue.s("0123456789"))));
            assertArrayEquals(new long[] {1, 20}, open.store().stats(5));
            open.remove(table, "x");
            assertArrayEquals(new long[] {0, 0}, open.store().stats(5));
        }
    }

    @Test
    void readersSeeOnlyCommittedItems() throws Exception {
        ItemServiceConfig config = TestStores.config(dir, 64);
        ItemStore store = new ItemStore(config);
        StoreWriter writer = TestStores.writer(store, config);
        TableDefinition table = TestStores.table(1);
        byte[] k = storageKey(table, "x");
        byte[] first = item("x", Map.of("v", AttributeValue.n(1)));
        byte[] second = item("x", Map.of("v", AttributeValue.n(2)));
        CountDownLatch applied = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            CompletableFuture<byte[]> insert = writer.submit(w -> {
                byte[] old = w.putItem(table, key("x"), k, first);
                applied.countDown();
                await(release);
                return old;
            });
            assertTrue(applied.await(10, TimeUnit.SECONDS), "the writer reached the write within 10 s");
            assertNull(store.get(k), "an insert is invisible until its commit");
            release.countDown();
            insert.get(10, TimeUnit.SECONDS);
            assertArrayEquals(first, store.get(k));

            CountDownLatch applied2 = new CountDownLatch(1);
            CountDownLatch release2 = new CountDownLatch(1);
            CompletableFuture<byte[]> replace = writer.submit(w -> {
                byte[] old = w.putItem(table, key("x"), k, second);
                w.removeItem(table, key("x"), k);
                w.putItem(table, key("x"), k, second);
                applied2.countDown();
                await(release2);
                return old;
            });
            assertTrue(applied2.await(10, TimeUnit.SECONDS), "the writer reached the write within 10 s");
            assertArrayEquals(first, store.get(k), "a replacement shows the committed item until its commit");
            release2.countDown();
            replace.get(10, TimeUnit.SECONDS);
            assertArrayEquals(second, store.get(k));
        } finally {
            release.countDown();
            writer.onShutdown(null);
        }
    }

    @Test
    void rangeReadsSeeNeitherUncommittedInsertsNorUncommittedDeletes() throws Exception {
        ItemServiceConfig config = TestStores.config(dir, 64);
        ItemStore store = new ItemStore(config);
        StoreWriter writer = TestStores.writer(store, config);
        TableDefinition table = TestStores.table(1);
        CountDownLatch applied = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            for (String pk : java.util.List.of("a", "b", "c")) {
                writer.submit(w -> w.putItem(table, key(pk), storageKey(table, pk), item(pk, Map.of())))
                        .get(10, TimeUnit.SECONDS);
            }
            CompletableFuture<Void> pending = writer.submit(w -> {
                w.removeItem(table, key("b"), storageKey(table, "b"));
                w.putItem(table, key("d"), storageKey(table, "d"), item("d", Map.of()));
                applied.countDown();
                await(release);
                return null;
            });
            assertTrue(applied.await(10, TimeUnit.SECONDS), "the writer reached the write within 10 s");
            byte[] from = io.dynamis.core.key.KeyCodec.tablePrefix(1);
            byte[] to = io.dynamis.core.key.KeyCodec.tablePrefix(2);
            assertEquals(3, count(store.committedRange(from, to, true)), "b is still there, d not yet");
            assertEquals(3, count(store.committedRange(from, to, false)));
            release.countDown();
            pending.get(10, TimeUnit.SECONDS);
            assertEquals(3, count(store.committedRange(from, to, true)), "now without b and with d");
            java.util.List<byte[]> keys = new java.util.ArrayList<>();
            store.committedRange(from, to, true).forEach(e -> keys.add(e.getKey()));
            assertArrayEquals(storageKey(table, "d"), keys.stream().filter(k -> java.util.Arrays.equals(k,
                    storageKey(table, "d"))).findFirst().orElse(null));
        } finally {
            release.countDown();
            writer.onShutdown(null);
        }
    }

    private static int count(Iterable<?> entries) {
        int n = 0;
        for (Object ignored : entries) {
            n++;
        }
        return n;
    }

    @Test
    void aFailedCommitRollsBackItsItemsAndItsLogEntries() throws Exception {
        TableDefinition table = TestStores.table(1);
        try (TestStores.Open open = TestStores.Open.at(TestStores.config(dir, 64))) {
            StoreWriter writer = open.writer();
            ItemStore store = open.store();
            open.put(table, "a", item("a", Map.of()));
            CompletableFuture<Object> broken = writer.submit(w -> {
                w.putItem(table, key("b"), storageKey(table, "b"), item("b", Map.of()));
                throw new IllegalStateException("disk on fire");
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> broken.get(10, TimeUnit.SECONDS));
            assertEquals(ErrorCode.INTERNAL_SERVER_ERROR, assertInstanceOf(ApiError.class, e.getCause()).code());
            assertNull(store.get(storageKey(table, "b")));
            open.put(table, "c", item("c", Map.of()));
            assertEquals(List.of(1L, 2L), ChangeLogTest.sequences(store),
                    "the rolled-back change left no entry and no gap in the sequence");
            assertEquals(2, writer.durableSequence());
            assertEquals(2, store.stats(1)[0], "the statistics count a and c, not the rolled-back b");
        }
    }

    @Test
    void aFailedCommitStaysUndoneAfterACrashEvenWhenACheckpointCaughtPartOfIt() throws Exception {
        TableDefinition table = TestStores.table(1);
        Path crashed = dir.resolve("crashed");
        java.nio.file.Files.createDirectories(crashed);
        Path live = dir.resolve("live");
        try (TestStores.Open open = TestStores.Open.at(TestStores.config(live, 64, 3_600_000))) {
            ItemStore store = open.store();
            open.put(table, "a", item("a", Map.of()));
            CompletableFuture<Object> broken = open.writer().submit(w -> {
                w.putItem(table, key("a"), storageKey(table, "a"), item("a", Map.of("v", AttributeValue.n(2))));
                w.putItem(table, key("b"), storageKey(table, "b"), item("b", Map.of()));
                store.file().checkpoint(); // a background checkpoint lands in the middle of the batch
                throw new IllegalStateException("disk on fire");
            });
            assertThrows(ExecutionException.class, () -> broken.get(10, TimeUnit.SECONDS));
            TestStores.copyAsACrashLeavesIt(live, crashed);
        }
        try (TestStores.Open recovered = TestStores.Open.at(TestStores.config(crashed, 64))) {
            ItemStore store = recovered.store();
            assertNull(store.get(storageKey(table, "b")), "the failed batch's insert is not there");
            assertArrayEquals(item("a", Map.of()), store.get(storageKey(table, "a")), "nor its replacement");
            assertEquals(List.of(1L), ChangeLogTest.sequences(store), "nor its change-log entries");
            assertEquals(1, store.stats(1)[0]);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
