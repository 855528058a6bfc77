package io.dynamis.query.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.query.ReadRequest;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.query.catalog.CatalogClient;
import io.dynamis.query.gsi.GsiReads;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Routes a read that names an IndexName: a global secondary index is read here ({@link GsiReads}); a
 * local one is the table's shard's, so the read goes to item-service like a table read; an index the
 * table does not have is DynamoDB's ValidationException. A global index read first waits (bounded) for
 * the index to hold the writes acknowledged before it ({@link io.dynamis.query.gsi.ReadAfterWrite}).
 *
 * <p>Query and Scan run on the event loop ({@link Query#blocking()}): a table read only starts item-service's
 * read, so it is sent from the thread that received it. A read naming an index may wait (the catalog, the
 * read after write, the index store) and is moved to a worker thread first.
 */
@ApplicationScoped
public class IndexReads {

    private final CatalogClient catalog;
    private final GsiReads gsiReads;
    private final BaseTableReads baseTableReads;
    private final Vertx vertx;

    public IndexReads(CatalogClient catalog, GsiReads gsiReads, BaseTableReads baseTableReads, Vertx vertx) {
        this.catalog = catalog;
        this.gsiReads = gsiReads;
        this.baseTableReads = baseTableReads;
        this.vertx = vertx;
    }

    /**
     * Reads for {@code operation} ("Query" or "Scan"); {@code json} is the client's request, already validated;
     * {@code forClient}: the page is written straight to the client ({@link io.dynamis.core.protocol.Operation#executeForClient}).
     */
    public CompletionStage<ObjectNode> read(String operation, ReadRequest request, ObjectNode json, boolean forClient) {
        if (request.indexName() == null) {
            return baseTableReads.read(operation, request, json, forClient);
        }
        if (Context.isOnEventLoopThread()) {
            return vertx.<CompletionStage<ObjectNode>>executeBlocking(() -> readIndex(operation, request, json, forClient), false)
                    .toCompletionStage().thenCompose(stage -> stage);
        }
        return readIndex(operation, request, json, forClient);
    }

    /** A read naming an index, on a thread that may wait. */
    private CompletionStage<ObjectNode> readIndex(String operation, ReadRequest request, ObjectNode json, boolean forClient) {
        TableDefinition table = catalog.require(request.tableName());
        IndexDefinition index = table.index(request.indexName());
        if (index == null || index.global() && !"ACTIVE".equals(index.status())) {
            // the catalog may be a moment old: an index just added, or just made ACTIVE, is looked for again
            catalog.forget(request.tableName());
            table = catalog.require(request.tableName());
            index = table.index(request.indexName());
        }
        if (index == null) {
            throw ApiError.validation("The table does not have the specified index: " + request.indexName());
        }
        if (!index.global()) {
            return baseTableReads.read(operation, request, json, forClient);
        }
        return CompletableFuture.completedFuture(gsiReads.read(request, table, index));
    }
}
