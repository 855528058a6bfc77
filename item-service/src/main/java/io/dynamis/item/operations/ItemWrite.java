package io.dynamis.item.operations;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.expression.Condition;
import io.dynamis.core.expression.DocumentPath;
import io.dynamis.core.expression.Update;
import io.dynamis.core.item.ItemSize;
import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.key.PrimaryKeys;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.storage.StoreWrites;
import io.dynamis.item.storage.StoredItem;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One validated write to one item — a put, an update, a delete or a bare condition check — and the
 * read-modify-write that applies it on the writer thread.
 *
 * <p>Everything that can be checked from the request alone is checked when the write is built
 * ({@link #put}, {@link #update}, {@link #delete}, {@link #check}), before anything is queued. On the
 * writer thread, {@link #plan} reads the item as the writer sees it (every earlier write included),
 * evaluates the condition and computes the new item, changing nothing; {@link Plan#store} then writes
 * it. Because one thread applies every write, the read, the check and the write of one item are
 * never interleaved with another write: writes to an item are serialized and a condition cannot be
 * overtaken. A transaction plans all its writes before it stores any.
 */
final class ItemWrite {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ItemWrite.class);

    enum Action { PUT, UPDATE, DELETE, CHECK }

    private final Action action;
    private final TableDefinition table;
    private final PrimaryKeys.Key key;
    private final byte[] storageKey;
    private final Condition condition;
    private final Map<String, AttributeValue> item;
    /** A put's item as stored ({@link StoredItem}), encoded when the write is built, off the writer thread. */
    private final byte[] itemStored;
    private final Update update;

    private ItemWrite(Action action, TableDefinition table, PrimaryKeys.Key key, Condition condition,
            Map<String, AttributeValue> item, Update update) {
        this(action, table, key, condition, item, null, update);
    }

    private ItemWrite(Action action, TableDefinition table, PrimaryKeys.Key key, Condition condition,
            Map<String, AttributeValue> item, byte[] itemStored, Update update) {
        this.action = action;
        this.table = table;
        this.key = key;
        this.storageKey = KeyCodec.encode(table.storeId(), key.partition(), key.sort());
        io.dynamis.item.shard.ShardOwnership.requireKey(storageKey);
        this.condition = condition;
        this.item = item;
        this.itemStored = itemStored;
        this.update = update;
    }

    /** A put of a whole item: its key attributes checked, its size within DynamoDB's limit. */
    static ItemWrite put(TableDefinition table, Map<String, AttributeValue> item, Condition condition) {
        PrimaryKeys.Key key = PrimaryKeys.ofItem(table.keySchema(), item);
        byte[] stored = StoredItem.encode(item); // here, on the caller's thread: the writer thread is the bound
        if (StoredItem.size(stored) > ItemSize.MAX_ITEM_BYTES) {
            throw ApiError.validation("Item size has exceeded the maximum allowed size");
        }
        IndexKeys.check(table, item);
        return new ItemWrite(Action.PUT, table, key, condition, item, stored, null);
    }

    /**
     * An update of the item under a key (created when missing); {@code update} null leaves the item as
     * it is, or creates it with its key only. An update may not touch a key attribute.
     */
    static ItemWrite update(TableDefinition table, Map<String, AttributeValue> keyAttributes, Update update,
            Condition condition) {
        PrimaryKeys.Key key = PrimaryKeys.ofKey(table.keySchema(), keyAttributes);
        if (update != null) {
            for (DocumentPath path : update.paths()) {
                if (table.keySchema().isKeyAttribute(path.attribute())) {
                    throw ApiError.invalidParameter("Cannot update attribute " + path.attribute()
                            + ". This attribute is part of the key");
                }
            }
        }
        return new ItemWrite(Action.UPDATE, table, key, condition, null, update);
    }

    static ItemWrite delete(TableDefinition table, Map<String, AttributeValue> keyAttributes, Condition condition) {
        return new ItemWrite(Action.DELETE, table, PrimaryKeys.ofKey(table.keySchema(), keyAttributes), condition,
                null, null);
    }

    /** A transaction's ConditionCheck: the condition alone, nothing written. */
    static ItemWrite check(TableDefinition table, Map<String, AttributeValue> keyAttributes, Condition condition) {
        return new ItemWrite(Action.CHECK, table, PrimaryKeys.ofKey(table.keySchema(), keyAttributes), condition,
                null, null);
    }

    Action action() {
        return action;
    }

    TableDefinition table() {
        return table;
    }

    PrimaryKeys.Key key() {
        return key;
    }

    /** The 16-bit hash of the item's partition key (which partition it is in). */
    int partitionHash() {
        return KeyCodec.hashOf(storageKey);
    }

    /** The item's identity within a request: its encoded key (which includes its table's store id). */
    java.nio.ByteBuffer identity() {
        return java.nio.ByteBuffer.wrap(storageKey);
    }

    Update update() {
        return update;
    }

    /**
     * Reads the current item, checks the condition and computes the new item, changing nothing. Throws
     * the ValidationException of an update that the current item makes impossible.
     */
    Plan plan(StoreWrites writes) {
        try {
            return planChecked(writes);
        } catch (ApiError e) {
            throw e;
        } catch (RuntimeException e) {
            // nothing has been changed yet: fail this write alone rather than the whole group commit
            LOG.error("Planning a write failed unexpectedly", e);
            throw ApiError.internal("Internal server error");
        }
    }

    /**
     * Applies an unconditional put or delete at once (BatchWriteItem's writes, a restore's loads). Such a write
     * decides nothing from the item it replaces, so it is stored without a read of its own: the item before
     * comes from the store's own lookup ({@link StoreWrites#putItem}, {@link StoreWrites#removeItem}), and the
     * writer finds the item once, not twice.
     */
    Outcome apply(StoreWrites writes) {
        if (!appliesWithoutPlan()) {
            throw new IllegalStateException("only an unconditional put or delete is applied without a plan");
        }
        requireNotHeld(writes);
        boolean put = action == Action.PUT;
        Plan plan = new Plan(this, put ? writes.putItem(table, key, storageKey, itemStored)
                : writes.removeItem(table, key, storageKey));
        plan.proceed(put ? item : null, put ? itemStored : null);
        return plan.outcome();
    }

    /** True for a put or delete without a condition: {@link #apply} stores it without a read of its own. */
    boolean appliesWithoutPlan() {
        return condition == null && (action == Action.PUT || action == Action.DELETE);
    }

    /** Throws TransactionConflictException when a cross-shard transaction holds the item. */
    void requireNotHeld(StoreWrites writes) {
        writes.holds().requireFree(storageKey, null);
    }

    private Plan planChecked(StoreWrites writes) {
        requireNotHeld(writes);
        Plan plan = new Plan(this, writes.currentItem(storageKey));
        if (condition != null && !condition.test(plan.oldItem() == null ? Map.of() : plan.oldItem())) {
            return plan;
        }
        Map<String, AttributeValue> next = switch (action) {
            case PUT -> item;
            case UPDATE -> updated(plan.oldItem());
            case DELETE, CHECK -> null;
        };
        byte[] nextStored = null;
        if (next != null) {
            nextStored = action == Action.PUT ? itemStored : StoredItem.encode(next); // a put's is encoded when built
            if (action == Action.UPDATE && StoredItem.size(nextStored) > ItemSize.MAX_ITEM_BYTES) {
                throw ApiError.validation("Item size to update has exceeded the maximum allowed size");
            }
        }
        plan.proceed(next, nextStored);
        return plan;
    }

    private Map<String, AttributeValue> updated(Map<String, AttributeValue> old) {
        Map<String, AttributeValue> base = old;
        if (base == null) {
            base = key.toMap(table.keySchema());
        }
        if (update == null) {
            return base;
        }
        Map<String, AttributeValue> next = update.apply(base);
        IndexKeys.check(table, next);
        if (next.equals(base) && old != null) {
            return old;
        }
        return new LinkedHashMap<>(next);
    }

    /**
     * A planned write: the item before (decoded only when someone needs it), the item after, and
     * whether the condition held.
     */
    static final class Plan {
        private final ItemWrite write;
        private final byte[] oldStored;
        private Map<String, AttributeValue> oldItem;
        private Map<String, AttributeValue> newItem;
        private byte[] newStored;
        private boolean conditionHeld;

        private Plan(ItemWrite write, byte[] oldStored) {
            this.write = write;
            this.oldStored = oldStored;
        }

        private void proceed(Map<String, AttributeValue> next, byte[] nextStored) {
            this.newItem = next;
            this.newStored = nextStored;
            this.conditionHeld = true;
        }

        boolean conditionHeld() {
            return conditionHeld;
        }

        /** The item before the write, or null when there was none. */
        Map<String, AttributeValue> oldItem() {
            if (oldItem == null && oldStored != null) {
                oldItem = StoredItem.decode(oldStored);
            }
            return oldItem;
        }

        /** The write as a prepared transaction keeps it: its new image (null: a delete), applied once committed. */
        io.dynamis.item.storage.PreparedTransaction.Action prepared() {
            ItemWrite w = write;
            return new io.dynamis.item.storage.PreparedTransaction.Action(w.table.name(), w.table.storeId(),
                    io.dynamis.core.json.AttributeValueCodec.encodeItem(w.key.toMap(w.table.keySchema())), w.storageKey,
                    newStored, w.action == Action.CHECK);
        }

        /** The outcome the write will have once applied, without applying it (a prepared transaction's capacity). */
        Outcome expected() {
            return outcome();
        }

        /** Applies the write (nothing for a check); returns the outcome. */
        Outcome store(StoreWrites writes) {
            ItemWrite w = write;
            switch (w.action) {
                case PUT, UPDATE -> writes.putItem(w.table, w.key, w.storageKey, newStored);
                case DELETE -> writes.removeItem(w.table, w.key, w.storageKey);
                case CHECK -> {
                }
            }
            return outcome();
        }

        private Outcome outcome() {
            return new Outcome(this, newItem, StoredItem.size(oldStored), StoredItem.size(newStored));
        }
    }

    /** What a write did: the item before and after (null for none) and their DynamoDB sizes. */
    record Outcome(Plan plan, Map<String, AttributeValue> newItem, long oldSize, long newSize) {

        Map<String, AttributeValue> oldItem() {
            return plan.oldItem();
        }

        /**
         * The write units one of the table's global indexes consumed, as DynamoDB charges an index by the
         * entries it writes, each by its projected size: none when the item is in the index neither before
         * nor after (or the write changed nothing the index holds); one put or one delete when it enters or
         * leaves it; a delete and a put when its index key changed; one put, by the larger entry, when only
         * projected attributes changed. {@code factor} is 2 for a transaction's write, else 1.
         */
        double indexUnits(io.dynamis.core.table.IndexDefinition index, double factor) {
            if (index == null || plan.write.action == Action.CHECK) {
                return 0;
            }
            io.dynamis.core.table.PrimaryKeySchema tableKey = plan.write.table().keySchema();
            Map<String, AttributeValue> before = hasKeys(index, oldItem()) ? index.project(oldItem(), tableKey) : null;
            Map<String, AttributeValue> after = hasKeys(index, newItem) ? index.project(newItem, tableKey) : null;
            double units;
            if (before == null && after == null) {
                units = 0;
            } else if (before == null || after == null) {
                units = entryUnits(before == null ? after : before);
            } else if (!sameIndexKey(index, before, after)) {
                units = entryUnits(before) + entryUnits(after);
            } else if (before.equals(after)) {
                units = 0;
            } else {
                units = Math.max(entryUnits(before), entryUnits(after));
            }
            return units * factor;
        }

        private static double entryUnits(Map<String, AttributeValue> entry) {
            return io.dynamis.core.capacity.ConsumedCapacity.writeUnits(io.dynamis.core.item.ItemSize.of(entry));
        }

        private static boolean sameIndexKey(io.dynamis.core.table.IndexDefinition index, Map<String, AttributeValue> a,
                Map<String, AttributeValue> b) {
            for (io.dynamis.core.table.KeyAttribute key : index.keySchema().attributes()) {
                if (!java.util.Objects.equals(a.get(key.name()), b.get(key.name()))) {
                    return false;
                }
            }
            return true;
        }

        private static boolean hasKeys(io.dynamis.core.table.IndexDefinition index, Map<String, AttributeValue> item) {
            if (item == null) {
                return false;
            }
            for (io.dynamis.core.table.KeyAttribute key : index.keySchema().attributes()) {
                if (!item.containsKey(key.name())) {
                    return false;
                }
            }
            return true;
        }

        /** The write capacity it consumed: by the larger of the item before and after. */
        long chargedBytes() {
            return Math.max(oldSize, newSize);
        }
    }
}
