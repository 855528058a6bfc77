package io.dynamis.item.shard;

import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.shard.SlotMap;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.config.ItemServiceConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * Which shard of which cluster this item-service is, recorded durably in its data folder
 * ({@code cluster.properties}: the shard's number, the shard count and the slot count) the first time it
 * starts, and checked at every start: a data folder started with another shard number or another count
 * stops the process with a message saying what to do, since serving it would lose or misplace items
 * (keys would belong to other slots). A data folder made before shards were recorded, with tables in it,
 * belongs to a one-shard cluster.
 */
@ApplicationScoped
public class ShardMembership {

    private static final Logger LOG = Logger.getLogger(ShardMembership.class);
    static final String FILE = "cluster.properties";

    private final ItemServiceConfig config;
    private final TableCatalog catalog;

    public ShardMembership(ItemServiceConfig config, TableCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    void onStart(@Observes @Priority(1) @Plays(Role.ITEM) RoleStart event) {
        Path dir = Path.of(config.dataDir()).toAbsolutePath();
        check(dir, config.shard(), config.shards(), !catalog.all().isEmpty());
        ShardOwnership.hold(SlotMap.contiguous(config.shards()), config.shard());
        if (config.shards() > 1) {
            LOG.infof("item-service shard %d of %d (%s)", config.shard(), config.shards(), SlotMap.contiguous(config.shards()));
        }
    }

    /**
     * Records the shard in {@code dir}, or checks it against what is recorded; throws IllegalStateException
     * with the operator's way out when they differ.
     */
    static void check(Path dir, int shard, int shards, boolean hasTables) {
        if (shard < 0 || shard >= shards) {
            throw new IllegalStateException("dynamis.item.shard is " + shard + " but dynamis.item.shards is " + shards
                    + ": a shard's number is between 0 and the shard count - 1");
        }
        Path file = dir.resolve(FILE);
        Properties recorded = new Properties();
        try {
            if (Files.exists(file)) {
                try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    recorded.load(in);
                }
            } else if (hasTables) {
                recorded.setProperty("shard", "0");
                recorded.setProperty("shards", "1");
                recorded.setProperty("slots", String.valueOf(SlotMap.SLOTS));
            }
            int wasShard = Integer.parseInt(recorded.getProperty("shard", String.valueOf(shard)));
            int wasShards = Integer.parseInt(recorded.getProperty("shards", String.valueOf(shards)));
            if (wasShard != shard || wasShards != shards) {
                throw new IllegalStateException("The data folder " + dir + " holds shard " + wasShard + " of a cluster of "
                        + wasShards + " item-service shard(s), but this process was started as shard " + shard + " of "
                        + shards + ". The shard count is fixed when a cluster is created: start it again with"
                        + " DYNAMIS_ITEM_SHARDS=" + wasShards + " (./dynamis start --shards " + wasShards + "), or move the"
                        + " data to a cluster of " + shards + " shards as docs/operations.md describes (\"Changing the"
                        + " shard count\").");
            }
            if (!Files.exists(file)) {
                Files.createDirectories(dir);
                Properties made = new Properties();
                made.setProperty("shard", String.valueOf(shard));
                made.setProperty("shards", String.valueOf(shards));
                made.setProperty("slots", String.valueOf(SlotMap.SLOTS));
                Path temporary = dir.resolve(FILE + ".new");
                try (var out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                    made.store(out, "Dynamis item-service shard: fixed when the cluster was created; see docs/operations.md");
                }
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the shard in " + file, e);
        }
    }
}
