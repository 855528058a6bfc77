package io.dynamis.item.storage;

import io.dynamis.item.config.ItemServiceConfig;
import java.nio.file.Path;

/** Real item stores in a temporary folder, for tests that need MapDB files. */
final class TestStores {

    private TestStores() {
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
        };
    }
}
