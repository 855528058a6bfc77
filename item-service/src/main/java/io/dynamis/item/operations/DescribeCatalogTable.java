package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.item.catalog.TableCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisDescribeCatalogTable}, internal: a table's definition exactly as the catalog stores it
 * ({@code {"Table": <TableDefinition>}}), with its ids and every index. query-service calls it to know
 * the global secondary indexes it maintains and serves; the gateway never routes it. A missing table is
 * DynamoDB's ResourceNotFoundException naming it.
 */
@ApplicationScoped
public class DescribeCatalogTable implements Operation {

    /** The operation name query-service sends in {@code X-Amz-Target}. */
    public static final String NAME = "DynamisDescribeCatalogTable";

    private final TableCatalog catalog;

    public DescribeCatalogTable(TableCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String name = request.tableName();
        request.validate();
        ObjectNode response = Json.object();
        response.set("Table", Json.MAPPER.valueToTree(catalog.require(name)));
        return CompletableFuture.completedFuture(response);
    }
}
