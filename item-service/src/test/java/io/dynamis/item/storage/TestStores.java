package io.dynamis.item.storage;

import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.key.PrimaryKeys;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.config.ItemServiceConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Real item stores in a temporary folder, for tests that need store files. */
final class TestStores {

    private TestStores() {
    }

    /** A table keyed by the string attribute {@code pk}, with the given store id. */
    static TableDefinition table(long storeId) {
        return new TableDefinition("T" + storeId, UUID.randomUUID().toString(), storeId, 0L,
                new PrimaryKeySchema(new KeyAttribute("pk", AttributeValue.Type.S), null),
                java.util.List.of(), "PAY_PER_REQUEST", 0L, 0L, "ACTIVE", null, null);
    }

    static PrimaryKeys.Key key(String pk) {
        return new PrimaryKeys.Key(AttributeValue.s(pk), null);
    }

    static byte[] storageKey(TableDefinition table, String pk) {
        return KeyCodec.encode(table.storeId(), AttributeValue.s(pk), null);
    }

    /** A stored item {@code {pk: <pk>, ...more}}. */
    static byte[] item(String pk, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> item = new java.util.LinkedHashMap<>();
        item.put("pk", AttributeValue.s(pk));
        item.putAll(more);
        return StoredItem.encode(item);
    }

    /** A store and its writer on a real file; closing shuts the writer down and closes the store. */
    record Open(ItemServiceConfig config, ItemStore store, StoreWriter writer) implements AutoCloseable {

        static Open at(ItemServiceConfig config) throws java.io.IOException {
            ItemStore store = new ItemStore(config);
            return new Open(config, store, TestStores.writer(store, config));
        }

        /** Puts {@code item} under {@code pk} and waits until it is durable; returns the replaced item. */
        byte[] put(TableDefinition table, String pk, byte[] item) throws Exception {
            return writer.submit(w -> w.putItem(table, key(pk), storageKey(table, pk), item))
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
        }

        /** Removes the item under {@code pk} and waits until it is durable; returns it. */
        byte[] remove(TableDefinition table, String pk) throws Exception {
            return writer.submit(w -> w.removeItem(table, key(pk), storageKey(table, pk)))
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            writer.onShutdown(null);
        }
    }

    /** Copies a store's folder as a crash would leave it (the store still open: only what is on disk). */
    static void copyAsACrashLeavesIt(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(from)) {
            for (Path file : files.toList()) {
                java.nio.file.Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    static StoreWriter writer(ItemStore store, ItemServiceConfig config) {
        return new StoreWriter(store, new ChangeLogWriter(config), new LocalIndexWriter(), config, new SimpleMeterRegistry());
    }

    static ItemServiceConfig config(Path dir, int maxBatch) {
        return config(dir, maxBatch, 5000);
    }

    /** With checkpoints (commits of the store file) at most {@code checkpointMillis} apart. */
    static ItemServiceConfig config(Path dir, int maxBatch, long checkpointMillis) {
        return config(dir, maxBatch, checkpointMillis, 1 << 20, 40);
    }

    /**
     * With checkpoints at most {@code checkpointMillis} apart, brought forward by {@code checkpointBytes} of redo
     * log or {@code unsavedMegabytes} of changed pages in memory.
     */
    static ItemServiceConfig config(Path dir, int maxBatch, long checkpointMillis, long checkpointBytes,
            int unsavedMegabytes) {
        return new ItemServiceConfig() {
            public String dataDir() {
                return dir.toString();
            }

            public String region() {
                return "us-east-1";
            }

            public String accountId() {
                return "000000000000";
            }

            public String queryServiceUrl() {
                return "http://127.0.0.1:1";
            }

            public int shard() {
                return 3;
            }

            @Override
            public int shards() {
                return 4;
            }

            @Override
            public java.util.Optional<java.util.List<String>> shardUrls() {
                return java.util.Optional.empty();
            }

            @Override
            public Router router() {
                return null;
            }

            public Commit commit() {
                return new Commit() {
                    public int maxBatch() {
                        return maxBatch;
                    }

                    public long maxWaitMicros() {
                        return 0;
                    }

                    public Duration checkpointInterval() {
                        return Duration.ofMillis(checkpointMillis);
                    }

                    public long checkpointBytes() {
                        return checkpointBytes;
                    }

                    public int cacheMegabytes() {
                        return 4;
                    }

                    public int checkpointUnsavedMegabytes() {
                        return unsavedMegabytes;
                    }
                };
            }

            public Ttl ttl() {
                return new Ttl() {
                    public boolean enabled() {
                        return false;
                    }

                    public Duration sweepInterval() {
                        return Duration.ofSeconds(1);
                    }

                    public int itemsPerSweep() {
                        return 1000;
                    }

                    public int deleteBatch() {
                        return 10;
                    }
                };
            }

            public ChangeLog changeLog() {
                return new ChangeLog() {
                    public boolean relayEnabled() {
                        return false;
                    }

                    public String topic() {
                        return "test";
                    }

                    public int partitions() {
                        return 1;
                    }

                    public short replicationFactor() {
                        return 1;
                    }

                    public int lingerMillis() {
                        return 1;
                    }

                    public int batchBytes() {
                        return 16384;
                    }

                    public int maxInFlight() {
                        return 16;
                    }

                    public Duration retention() {
                        return Duration.ZERO;
                    }

                    public Duration retryBackoff() {
                        return Duration.ofMillis(10);
                    }
                };
            }
        };
    }
}
