package io.dynamis.item.principals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.item.storage.ItemStore;
import io.dynamis.item.storage.StoreWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The principals of verify mode (their access keys and policies), kept by item-service, the owner of the
 * catalog, in its store: durable (written through the store's writer and redo log like a table's
 * definition) and shared by every gateway, which reads them all and reloads them when the
 * {@linkplain #generation() generation} changes. The records are the gateway's JSON, stored as they are.
 */
@ApplicationScoped
public class PrincipalStore {

    private final ItemStore store;
    private final StoreWriter writer;
    /** Differs between runs, so a gateway never mistakes a restarted store's counter for its last one. */
    private final String run = UUID.randomUUID().toString();
    private final AtomicLong changes = new AtomicLong();

    public PrincipalStore(ItemStore store, StoreWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    /** Changes whenever a principal is put or removed. */
    public String generation() {
        return run + ":" + changes.get();
    }

    /** Every principal's record. */
    public ArrayNode all() {
        ArrayNode list = Json.object().arrayNode();
        for (Map.Entry<String, byte[]> entry : Map.copyOf(store.principals()).entrySet()) {
            list.add(Json.readTree(entry.getValue()));
        }
        return list;
    }

    /** Stores a principal's record; {@code create}: refuses one whose name is taken. Completes once durable. */
    public CompletableFuture<Void> put(String name, ObjectNode record, boolean create) {
        byte[] bytes = Json.toBytes(record);
        return writer.submit(writes -> {
            if (create && store.principals().containsKey(name)) {
                throw ApiError.resourceInUse("Principal already exists: " + name);
            }
            if (!create && !store.principals().containsKey(name)) {
                throw ApiError.resourceNotFound("Principal not found: " + name);
            }
            writes.putPrincipal(name, bytes);
            changes.incrementAndGet();
            return null;
        });
    }

    /** Removes a principal; completes once durable. */
    public CompletableFuture<Void> remove(String name) {
        return writer.submit(writes -> {
            if (!store.principals().containsKey(name)) {
                throw ApiError.resourceNotFound("Principal not found: " + name);
            }
            writes.removePrincipal(name);
            changes.incrementAndGet();
            return null;
        });
    }
}
