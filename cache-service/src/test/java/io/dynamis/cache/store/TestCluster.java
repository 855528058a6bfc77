package io.dynamis.cache.store;

import com.hazelcast.map.EntryProcessor;
import io.dynamis.cache.cluster.CacheCluster;
import io.dynamis.cache.config.CacheConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A real cache-service cluster of one embedded Hazelcast member, on 127.0.0.1 at a free port and under a
 * cluster name of its own (so it never joins a running Dynamis), configured through {@link CacheConfig}
 * exactly as the service is, from properties over the mapping's defaults.
 */
public final class TestCluster implements AutoCloseable {

    public final CacheConfig config;
    public final CacheCluster cluster;
    public final CacheWork work = new CacheWork();
    public final AcceleratedTables accelerated;

    /** With these {@code dynamis.cache.*} properties besides the cluster's own. */
    public TestCluster(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        int port = freePort();
        all.put("dynamis.cache.cluster.name", "cache-unit-test-" + UUID.randomUUID());
        all.put("dynamis.cache.cluster.port", Integer.toString(port));
        all.put("dynamis.cache.cluster.port-count", "1");
        all.put("dynamis.cache.cluster.members", "127.0.0.1:" + port);
        config = new SmallRyeConfigBuilder()
                .withMapping(CacheConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "cache-unit-test", 400))
                .build()
                .getConfigMapping(CacheConfig.class);
        cluster = new CacheCluster(config);
        cluster.hazelcast();
        accelerated = new AcceleratedTables(cluster);
    }

    /** The entry as the member owning the key holds it (never a near-cached copy), or null. */
    public byte[] stored(String table, String key) {
        return cluster.itemMap(table).executeOnKey(key, new Read());
    }

    /** Reads an entry on its owner, changing nothing. */
    private static final class Read implements EntryProcessor<String, byte[], byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] process(Map.Entry<String, byte[]> entry) {
            return entry.getValue();
        }

        @Override
        public EntryProcessor<String, byte[], byte[]> getBackupProcessor() {
            return null;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        work.stop(null);
        cluster.hazelcast().shutdown();
    }
}
