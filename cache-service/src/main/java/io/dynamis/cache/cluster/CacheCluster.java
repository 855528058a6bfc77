package io.dynamis.cache.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.dynamis.cache.config.CacheConfig;
import io.dynamis.core.cache.ItemEntry;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * This process's embedded Hazelcast member, and the maps the accelerator keeps in the cluster.
 *
 * <p>Every member of cache-service runs one member of the same open-source Hazelcast cluster: joined
 * over TCP-IP on loopback locally, by the Kubernetes API in {@code k8s/}. Each table has two maps:
 * {@code item:<table>} (primary key → item, or "no such item") and {@code query:<table>} (normalized
 * request → response page). Their time to live and memory bound (least recently used entries evicted
 * first, per member) come from {@link CacheConfig}: the table's own setting or the global one. Each
 * entry has a backup on another member, so a member leaving loses nothing; a member crashing loses
 * at most what it alone held, which is only cached data.
 */
@ApplicationScoped
public class CacheCluster {

    private static final Logger LOG = Logger.getLogger(CacheCluster.class);
    public static final String ITEM_PREFIX = ItemEntry.MAP_PREFIX;
    public static final String QUERY_PREFIX = "query:";
    /** Table name → generation of its cached query pages (see {@code QueryCache}). */
    public static final String GENERATIONS = "query-generations";
    /** Names of the tables the accelerator has cached something of (see {@code AcceleratedTables}); no near cache. */
    public static final String ACCELERATED_TABLES = "accelerated-tables";
    /** Entries each member's near cache of one map holds at most (the most recently used). */
    private static final int NEAR_CACHE_ENTRIES = 50_000;

    private final CacheConfig config;
    private volatile HazelcastInstance hazelcast;

    public CacheCluster(CacheConfig config) {
        this.config = config;
    }

    /** Starts the member at startup, on the main thread (never on an event loop: joining takes seconds). */
    void start(@Observes @Plays(Role.CACHE) RoleStart event) {
        hazelcast();
    }

    /** This process's member, started on first use. */
    public HazelcastInstance hazelcast() {
        HazelcastInstance started = hazelcast;
        return started != null ? started : startMember();
    }

    private synchronized HazelcastInstance startMember() {
        if (hazelcast != null) {
            return hazelcast;
        }
        hazelcast = Hazelcast.newHazelcastInstance(hazelcastConfig(config));
        LOG.infof("Hazelcast member %s joined cluster %s (%d member(s))",
                hazelcast.getCluster().getLocalMember().getAddress(), config.cluster().name(),
                hazelcast.getCluster().getMembers().size());
        return hazelcast;
    }

    void stop(@Observes @Plays(Role.CACHE) RoleStop event) {
        HazelcastInstance hazelcast = this.hazelcast;
        if (hazelcast != null) {
            hazelcast.shutdown(); // graceful: the member hands its partitions over before leaving
        }
    }

    public IMap<String, byte[]> itemMap(String table) {
        return hazelcast().getMap(ITEM_PREFIX + table);
    }

    public IMap<String, byte[]> queryMap(String table) {
        return hazelcast().getMap(QUERY_PREFIX + table);
    }

    public IMap<String, Long> generations() {
        return hazelcast().getMap(GENERATIONS);
    }

    public IMap<String, Boolean> acceleratedTables() {
        return hazelcast().getMap(ACCELERATED_TABLES);
    }

    /** How long the table's items stay cached: its own setting, or the global one. */
    public Duration itemTtl(String table) {
        CacheConfig.TableSettings settings = config.tables().get(table);
        return settings == null ? config.itemTtl() : settings.itemTtl().orElse(config.itemTtl());
    }

    /** Whether the table's query pages are invalidated by its changes (else they live out their TTL). */
    public boolean queryCoherent(String table) {
        CacheConfig.TableSettings settings = config.tables().get(table);
        CacheConfig.QueryCoherence coherence = settings == null ? config.queryCoherence()
                : settings.queryCoherence().orElse(config.queryCoherence());
        return coherence == CacheConfig.QueryCoherence.CHANGE_LOG;
    }

    /** True while this process's member runs (reported as {@link MemberReadiness}). */
    public boolean isUp() {
        return hazelcast != null && hazelcast.getLifecycleService().isRunning();
    }

    static Config hazelcastConfig(CacheConfig config) {
        Config hz = new Config();
        hz.setClusterName(config.cluster().name());
        hz.setProperty("hazelcast.phone.home.enabled", "false");
        hz.setProperty("hazelcast.logging.type", "jdk");
        hz.setProperty("hazelcast.shutdownhook.enabled", "false"); // Quarkus' shutdown stops the member
        hz.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
        hz.setProperty("hazelcast.graceful.shutdown.max.wait", "20");
        // Hazelcast's own metrics (for its Management Center and JMX, neither of which Dynamis uses): collected
        // every 5 s by walking every probe of the member, ~1.5 % of a core under a bulk load (docs/benchmarks.md)
        hz.getMetricsConfig().setEnabled(false);
        CacheConfig.Cluster cluster = config.cluster();
        hz.setProperty("hazelcast.partition.count", Integer.toString(cluster.partitionCount()));
        NetworkConfig network = hz.getNetworkConfig();
        network.setPort(cluster.port()).setPortAutoIncrement(cluster.portCount() > 1).setPortCount(cluster.portCount());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (cluster.join() == CacheConfig.Join.KUBERNETES) {
            join.getTcpIpConfig().setEnabled(false);
            join.getKubernetesConfig().setEnabled(true);
            cluster.kubernetesServiceName().ifPresent(name -> join.getKubernetesConfig().setProperty("service-name", name));
            cluster.kubernetesNamespace().ifPresent(ns -> join.getKubernetesConfig().setProperty("namespace", ns));
        } else {
            network.getInterfaces().setEnabled(true).addInterface(cluster.host());
            hz.setProperty("hazelcast.local.localAddress", cluster.host());
            // NONE: every join method off, so the member forms its own cluster at once (no join round to wait for)
            join.getTcpIpConfig().setEnabled(cluster.join() == CacheConfig.Join.TCP_IP).setMembers(cluster.members());
        }
        hz.addMapConfig(mapConfig(CacheCluster.ITEM_PREFIX + "*", config.itemTtl(), config.itemMaxMb(), cluster));
        hz.addMapConfig(mapConfig(CacheCluster.QUERY_PREFIX + "*", config.queryTtl(), config.queryMaxMb(), cluster));
        for (Map.Entry<String, CacheConfig.TableSettings> table : config.tables().entrySet()) {
            CacheConfig.TableSettings settings = table.getValue();
            hz.addMapConfig(mapConfig(CacheCluster.ITEM_PREFIX + table.getKey(),
                    settings.itemTtl().orElse(config.itemTtl()), settings.itemMaxMb().orElse(config.itemMaxMb()), cluster));
            hz.addMapConfig(mapConfig(CacheCluster.QUERY_PREFIX + table.getKey(),
                    settings.queryTtl().orElse(config.queryTtl()), settings.queryMaxMb().orElse(config.queryMaxMb()), cluster));
        }
        hz.addMapConfig(new MapConfig(GENERATIONS).setBackupCount(cluster.backupCount())
                .setNearCacheConfig(new NearCacheConfig(GENERATIONS).setInMemoryFormat(InMemoryFormat.OBJECT)
                        .setCacheLocalEntries(true).setInvalidateOnChange(true)));
        hz.addMapConfig(new MapConfig(ACCELERATED_TABLES).setBackupCount(cluster.backupCount()));
        return hz;
    }

    private static MapConfig mapConfig(String name, Duration ttl, int maxMb, CacheConfig.Cluster cluster) {
        int ttlSeconds = (int) Math.max(1, ttl.toSeconds());
        // Reads are served from a near cache on each member (owned entries too: no partition-thread hop);
        // every change of an entry anywhere invalidates it in every near cache, unbatched. An eviction or an
        // expiry on the owner invalidates nothing (Hazelcast's choice): ItemCache tells near caches of a change
        // that finds no entry itself.
        NearCacheConfig nearCache = new NearCacheConfig(name)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setCacheLocalEntries(true)
                .setInvalidateOnChange(true)
                .setTimeToLiveSeconds(ttlSeconds)
                .setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT).setSize(NEAR_CACHE_ENTRIES));
        return new MapConfig(name)
                .setNearCacheConfig(nearCache)
                .setInMemoryFormat(InMemoryFormat.BINARY)
                .setBackupCount(cluster.backupCount())
                .setReadBackupData(false)
                .setTimeToLiveSeconds(ttlSeconds)
                .setStatisticsEnabled(true)
                .setEvictionConfig(new EvictionConfig()
                        .setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.USED_HEAP_SIZE)
                        .setSize(Math.max(1, maxMb)));
    }
}
