package io.dynamis.query.gsi;

import io.dynamis.core.change.ChangeLogConsumer;
import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.change.MapDbConsumerPositions;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.query.catalog.CatalogClient;
import io.dynamis.query.config.QueryServiceConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * GSI maintenance: keeps every global secondary index up to date from the change log.
 *
 * <p>A {@link ChangeLogConsumer} hands over the change records in log order. For each, the table is
 * looked up in the catalog by name and id (a record of a table since deleted is skipped), and each of
 * its global indexes drops the entry of the old image and takes the projected new image, when the image
 * has the index key. The consumer's position is saved in the same MapDB commit as the entries, so each
 * change is applied exactly once, also across crashes; a batch that fails is rolled back and comes again.
 *
 * <p>The indexes are eventually consistent, as DynamoDB's are: a write is visible in them once this
 * consumer has applied it. How far behind it is, is the metric
 * {@code dynamis_changelog_consumer_lag_records{consumer="query-service-gsi"}} (and {@code _seconds}).
 */
@ApplicationScoped
public class GsiMaintainer {

    private static final Logger LOG = Logger.getLogger(GsiMaintainer.class);
    static final String CONSUMER = "query-service-gsi";

    private final GsiStore store;
    private final CatalogClient catalog;
    private final QueryServiceConfig config;
    private final String bootstrapServers;
    private final MeterRegistry registry;
    private volatile ChangeLogConsumer consumer;

    public GsiMaintainer(GsiStore store, CatalogClient catalog, QueryServiceConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092") String bootstrapServers,
            MeterRegistry registry) {
        this.store = store;
        this.catalog = catalog;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        if (!config.gsiMaintenanceEnabled()) {
            LOG.info("GSI maintenance is off");
            return;
        }
        consumer = ChangeLogConsumer.builder(bootstrapServers, CONSUMER)
                .positions(new MapDbConsumerPositions(store.db(), "gsi-positions"))
                .handler(this::apply)
                .meterRegistry(registry)
                .start();
    }

    /** The consumer's lag, or null when maintenance is off. */
    public ChangeLogConsumer.Lag lag() {
        ChangeLogConsumer current = consumer;
        return current == null ? null : current.lag();
    }

    private void apply(List<ChangeRecord> batch) {
        try {
            for (ChangeRecord record : batch) {
                TableDefinition table = catalog.forChange(record.tableName(), record.tableId());
                if (table == null) {
                    continue; // the table was deleted since
                }
                for (IndexDefinition index : table.indexes()) {
                    if (index.global()) {
                        store.apply(table, index, record.oldImage(), record.newImage());
                    }
                }
            }
        } catch (RuntimeException e) {
            store.rollback();
            throw e;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        ChangeLogConsumer current = consumer;
        if (current != null) {
            current.close();
        }
        store.close();
    }
}
