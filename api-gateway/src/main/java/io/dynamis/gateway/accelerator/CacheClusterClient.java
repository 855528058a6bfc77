package io.dynamis.gateway.accelerator;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.client.map.impl.nearcache.NearCachedClientMapProxy;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import com.hazelcast.map.IMap;
import com.hazelcast.nearcache.NearCacheStats;
import io.dynamis.core.cache.ItemEntry;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import io.dynamis.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The gateway's Hazelcast client of cache-service's cluster, with a near cache of the item maps: the
 * item-cache entries the accelerator endpoint read lately, in this process, told by the cluster of every
 * change of each (unbatched invalidations, set on the members).
 *
 * <p>The client starts without waiting for the cluster and reconnects by itself. The near cache is only
 * used while connected: a disconnected client is not told of changes, so it serves nothing then, and
 * when it connects again it drops everything it held.
 */
@ApplicationScoped
public class CacheClusterClient {

    private static final Logger LOG = Logger.getLogger(CacheClusterClient.class);

    private final GatewayConfig.Accelerator config;
    private final Map<String, IMap<String, byte[]>> itemMaps = new ConcurrentHashMap<>();
    private volatile HazelcastInstance client;
    private volatile boolean connected;

    public CacheClusterClient(GatewayConfig config) {
        this.config = config.accelerator();
    }

    void start(@Observes @Plays(Role.GATEWAY) RoleStart event) {
        if (!config.localHits()) {
            return;
        }
        ClientConfig clientConfig = clientConfig(config);
        clientConfig.addListenerConfig(new ListenerConfig((LifecycleListener) this::onLifecycle)); // before it connects
        client = HazelcastClient.newHazelcastClient(clientConfig);
        LOG.infof("Accelerator hits served in the gateway from a near cache of cluster %s (%s)", config.clusterName(),
                config.join() == GatewayConfig.Join.KUBERNETES ? "Kubernetes discovery" : String.join(",", config.clusterMembers()));
    }

    void stop(@Observes @Plays(Role.GATEWAY) RoleStop event) {
        HazelcastInstance running = client;
        connected = false;
        if (running != null) {
            running.shutdown();
        }
    }

    private void onLifecycle(LifecycleEvent event) {
        switch (event.getState()) {
            case CLIENT_CONNECTED -> {
                clearNearCaches(); // changes made while away were not told
                connected = true;
                LOG.infof("Connected to cache cluster %s", config.clusterName());
            }
            case CLIENT_DISCONNECTED, SHUTTING_DOWN -> {
                connected = false;
                clearNearCaches();
            }
            default -> {
            }
        }
    }

    /** Whether the client is connected, so that its near cache is kept coherent. */
    public boolean connected() {
        return connected;
    }

    /** The table's item map (through the near cache); only while {@link #connected}. */
    public IMap<String, byte[]> itemMap(String table) {
        return itemMaps.computeIfAbsent(table, name -> client.getMap(ItemEntry.MAP_PREFIX + name));
    }

    /** Entries in the near cache, and its hits, misses and invalidations, summed over the tables. */
    public NearCacheTotals nearCacheTotals() {
        long entries = 0, hits = 0, misses = 0, invalidations = 0, bytes = 0;
        for (IMap<String, byte[]> map : itemMaps.values()) {
            if (map instanceof NearCachedClientMapProxy<String, byte[]> nearCached) {
                NearCacheStats stats = nearCached.getNearCache().getNearCacheStats();
                entries += stats.getOwnedEntryCount();
                hits += stats.getHits();
                misses += stats.getMisses();
                invalidations += stats.getInvalidations();
                bytes += stats.getOwnedEntryMemoryCost();
            }
        }
        return new NearCacheTotals(itemMaps.size(), entries, hits, misses, invalidations, bytes);
    }

    /** The near cache's numbers, over all tables. */
    public record NearCacheTotals(int tables, long entries, long hits, long misses, long invalidations, long memoryBytes) {
    }

    private void clearNearCaches() {
        for (IMap<String, byte[]> map : itemMaps.values()) {
            if (map instanceof NearCachedClientMapProxy<String, byte[]> nearCached) {
                nearCached.getNearCache().clear();
            }
        }
    }

    static ClientConfig clientConfig(GatewayConfig.Accelerator config) {
        ClientConfig client = new ClientConfig();
        client.setClusterName(config.clusterName());
        client.setInstanceName("api-gateway-accelerator");
        client.setProperty("hazelcast.logging.type", "jdk");
        client.setProperty("hazelcast.client.shutdownhook.enabled", "false"); // Quarkus' shutdown stops it
        client.setProperty("hazelcast.phone.home.enabled", "false");
        // the client's own statistics (sent to the cluster for Management Center, which Dynamis does not use):
        // collected every 5 s by walking the client's probes, idle or not
        client.getMetricsConfig().setEnabled(false);
        client.getConnectionStrategyConfig().setAsyncStart(true)
                .setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ASYNC)
                .getConnectionRetryConfig().setClusterConnectTimeoutMillis(Long.MAX_VALUE).setMaxBackoffMillis(2_000);
        if (config.join() == GatewayConfig.Join.KUBERNETES) {
            client.getNetworkConfig().getKubernetesConfig().setEnabled(true);
            config.kubernetesServiceName().ifPresent(name -> client.getNetworkConfig().getKubernetesConfig()
                    .setProperty("service-name", name));
            config.kubernetesNamespace().ifPresent(ns -> client.getNetworkConfig().getKubernetesConfig()
                    .setProperty("namespace", ns));
        } else {
            client.getNetworkConfig().setAddresses(config.clusterMembers());
        }
        client.addNearCacheConfig(new NearCacheConfig(ItemEntry.MAP_PREFIX + "*")
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setInvalidateOnChange(true)
                .setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT).setSize(Math.max(1, config.nearCacheEntries()))));
        return client;
    }
}
