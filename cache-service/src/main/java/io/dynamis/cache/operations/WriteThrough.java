package io.dynamis.cache.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.cache.client.Backend;
import io.dynamis.cache.client.BackendClient;
import io.dynamis.cache.client.TableKeys;
import io.dynamis.core.cache.CacheKeys;
import io.dynamis.cache.store.CacheWork;
import io.dynamis.cache.store.ItemCache;
import io.dynamis.cache.store.QueryCache;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.model.AttributeValue;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The write-through every write through the accelerator takes: a fill is begun for each item the write
 * touches (see {@link ItemCache}), the write goes to item-service, and only when it succeeded does each
 * item's entry take what the write left (the item, or "no such item"; an item whose new state the
 * answer does not tell is dropped, to be read again). A write that failed or was rejected puts back what
 * was cached before. The tables' cached query pages are invalidated after a successful write.
 *
 * <p>A request whose items cannot be told here (an unexpected shape) goes to item-service unchanged
 * and leaves the cache to the change log, which invalidates what it changed within the measured lag.
 */
@ApplicationScoped
public class WriteThrough {

    /** What a successful write left under a key: an item, none, or something not known here. */
    public record Outcome(boolean known, Map<String, AttributeValue> item) {
        public static final Outcome UNKNOWN = new Outcome(false, null);
        public static final Outcome NONE = new Outcome(true, null);

        public static Outcome item(Map<String, AttributeValue> item) {
            return new Outcome(true, item);
        }
    }

    /** One item a write touches: its table, its key, and how to tell its outcome from the write's answer. */
    public record Touch(String table, Map<String, AttributeValue> key, Function<ObjectNode, Outcome> outcome) {
    }

    private final ItemCache items;
    private final QueryCache pages;
    private final BackendClient backends;
    private final TableKeys tableKeys;
    private final CacheWork work;

    public WriteThrough(ItemCache items, QueryCache pages, BackendClient backends, TableKeys tableKeys, CacheWork work) {
        this.items = items;
        this.pages = pages;
        this.backends = backends;
        this.tableKeys = tableKeys;
        this.work = work;
    }

    /** Sends the write to item-service unchanged, its cache effects left to the change log. */
    public CompletionStage<ObjectNode> passThrough(String operation, ObjectNode request) {
        return backends.send(Backend.ITEM, operation, request);
    }

    /** The key of an item written to the table, or completes with null when it cannot be told. */
    public CompletionStage<Map<String, AttributeValue>> keyOfItem(String table, JsonNode item) {
        try {
            return tableKeys.keyOf(table, AttributeValueCodec.decodeItem(item));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * A write of one item named by the request's {@code TableName} and {@code Key} (UpdateItem,
     * DeleteItem): {@code sent} goes to item-service with the item's cache effects, or, when the request
     * names no readable key, the request goes through unchanged.
     */
    public CompletionStage<ObjectNode> writeKeyed(String operation, ObjectNode request, ObjectNode sent,
            Function<ObjectNode, Outcome> outcome) {
        JsonNode table = request.get("TableName");
        Map<String, AttributeValue> key = KeyParameter.of(request.get("Key"));
        if (table == null || !table.isTextual() || key == null) {
            return passThrough(operation, request);
        }
        return write(operation, sent, List.of(new Touch(table.textValue(), key, outcome)));
    }

    /**
     * A write of several items whose keys are still being found (BatchWriteItem, TransactWriteItems): once
     * all are known it executes with their cache effects; if one is not (null), it goes through unchanged.
     */
    public CompletionStage<ObjectNode> writeAll(String operation, ObjectNode request,
            List<CompletableFuture<Touch>> touches) {
        return CompletableFuture.allOf(touches.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            List<Touch> all = touches.stream().map(CompletableFuture::join).toList();
            return all.contains(null) ? passThrough(operation, request) : write(operation, request, all);
        });
    }

    /** Executes the write on item-service with its item cache effects. */
    public CompletionStage<ObjectNode> write(String operation, ObjectNode request, List<Touch> touches) {
        List<ItemCache.Fill> fills = new ArrayList<>(touches.size());
        Set<String> tables = new LinkedHashSet<>();
        for (Touch touch : touches) {
            fills.add(items.begin(touch.table(), CacheKeys.item(touch.key())));
            tables.add(touch.table());
        }
        return backends.send(Backend.ITEM, operation, request).whenCompleteAsync((answer, failure) -> {
            if (failure != null) {
                fills.forEach(items::abandon);
            }
        }, work).thenApplyAsync(answer -> {
            for (int i = 0; i < touches.size(); i++) {
                Outcome outcome = touches.get(i).outcome().apply(answer);
                if (outcome.known()) {
                    items.complete(fills.get(i), outcome.item());
                } else {
                    items.forget(fills.get(i).table(), fills.get(i).key());
                }
            }
            tables.forEach(pages::invalidate);
            return answer;
        }, work);
    }
}
