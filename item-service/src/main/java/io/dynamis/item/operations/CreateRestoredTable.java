package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.CreateTableRequest;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.catalog.TableDescriptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisCreateRestoredTable}, internal: backup-service creates the target table of a restore.
 * The body is {@code {"CreateTable": <a CreateTable request>, "RestoreSummary": {...}}}; the table is
 * created CREATING, with the RestoreSummary DescribeTable shows (RestoreInProgress true), and filled by
 * {@code DynamisLoadItems} before {@code DynamisFinishRestore} makes it ACTIVE. A name in use is
 * TableAlreadyExistsException, as the restore operations answer it.
 */
@ApplicationScoped
public class CreateRestoredTable implements Operation {

    private final TableCatalog catalog;
    private final TableDescriptions descriptions;

    public CreateRestoredTable(TableCatalog catalog, TableDescriptions descriptions) {
        this.catalog = catalog;
        this.descriptions = descriptions;
    }

    @Override
    public String name() {
        return "DynamisCreateRestoredTable";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        JsonNode create = json.get("CreateTable");
        JsonNode summary = json.get("RestoreSummary");
        if (!(create instanceof ObjectNode createRequest) || !(summary instanceof ObjectNode)) {
            throw ApiError.validation("DynamisCreateRestoredTable needs CreateTable and RestoreSummary");
        }
        TableDefinition parsed = CreateTableRequest.parse(createRequest);
        ObjectNode extra = parsed.extra().deepCopy();
        extra.set(TableDescriptions.RESTORE_SUMMARY, summary);
        TableDefinition requested = parsed.withExtra(extra).withStatus("CREATING");
        return catalog.create(requested).handle((table, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof ApiError error && error.code() == io.dynamis.core.error.ErrorCode.RESOURCE_IN_USE) {
                    throw ApiError.tableAlreadyExists(requested.name());
                }
                throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
            }
            ObjectNode response = Json.object();
            response.set("TableDescription", descriptions.describe(table));
            return response;
        });
    }
}
