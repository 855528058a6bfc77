package io.dynamis.query.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.query.catalog.CatalogClient;
import io.dynamis.query.gsi.GsiMaintainer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisBackfillIndexes}, internal: item-service has created or deleted a global index of a
 * table (UpdateTable). The cached definition is dropped before this answers, so reads see the change at
 * once; the backfill of the indexes still CREATING starts in the background.
 */
@ApplicationScoped
public class BackfillIndexes implements Operation {

    private final GsiMaintainer maintainer;
    private final CatalogClient catalog;

    public BackfillIndexes(GsiMaintainer maintainer, CatalogClient catalog) {
        this.maintainer = maintainer;
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "DynamisBackfillIndexes";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        String tableName = json.path("TableName").asText(null);
        if (tableName == null) {
            throw ApiError.validation("DynamisBackfillIndexes needs TableName");
        }
        catalog.forget(tableName);
        maintainer.requestBackfill(tableName);
        return CompletableFuture.completedFuture(Json.object());
    }
}
