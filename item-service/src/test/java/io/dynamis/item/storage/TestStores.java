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

/** Real item stores in a temporary folder, for tests that need MapDB files. */
final class TestStores {

    private TestStores() {
    }

    /** A table keyed by the string attribute {@code pk}, with the given store id. */
    static TableDefinition table(long storeId) {
        return new TableDefinition("T" + storeId, UUID.randomUUID().toString(), storeId, 0L,
                new PrimaryKeySchema(new KeyAttribute("pk", AttributeValue.Type.S), null),
                java.util.List.of(), "PAY_PER_REQUEST", 0L, 0L, "ACTIVE", null);
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

    static StoreWriter writer(ItemStore store, ItemServiceConfig config) {
        return new StoreWriter(store, new ChangeLogWriter(config), config, new SimpleMeterRegistry());
    }

    static ItemServiceConfig config(Path dir, int maxBatch) {
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

            public int shard() {
                return 3;
            }

            public Commit commit() {
                return new Commit() {
                    public int maxBatch() {
                        return maxBatch;
                    }

                    public long maxWaitMicros() {
                        return 0;
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
