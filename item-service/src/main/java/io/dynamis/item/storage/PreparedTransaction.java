package io.dynamis.item.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a participant shard of a cross-shard transaction stored when it prepared its part: the coordinator
 * shard that owns the decision, when it prepared, and each action's outcome as planned (the item's new
 * image, or its removal; nothing for a condition check). Its items are held while the record exists
 * ({@link KeyHolds}); the decision applies the images or drops the record, in one commit.
 *
 * @param id the transaction id (the router's)
 * @param coordinator the coordinator shard
 * @param preparedMillis when the part was prepared
 * @param actions the planned outcomes, in the part's order
 */
public record PreparedTransaction(String id, int coordinator, long preparedMillis, List<Action> actions) {

    /** One planned outcome: a put of {@code newStored} (a {@link StoredItem}), a delete (null), or a check. */
    public record Action(String table, long storeId, ObjectNode key, byte[] storageKey, byte[] newStored, boolean check) {
    }

    /** The encoded keys of the items the transaction holds. */
    public List<byte[]> heldKeys() {
        List<byte[]> keys = new ArrayList<>(actions.size());
        for (Action action : actions) {
            keys.add(action.storageKey());
        }
        return keys;
    }

    public byte[] encode() {
        ObjectNode record = Json.object().put("Id", id).put("Coordinator", coordinator).put("Prepared", preparedMillis);
        var list = record.putArray("Actions");
        Base64.Encoder base64 = Base64.getEncoder();
        for (Action action : actions) {
            ObjectNode a = list.addObject().put("Table", action.table()).put("StoreId", action.storeId())
                    .put("StorageKey", base64.encodeToString(action.storageKey())).put("Check", action.check());
            a.set("Key", action.key());
            if (action.newStored() != null) {
                a.put("New", base64.encodeToString(action.newStored()));
            }
        }
        return Json.toBytes(record);
    }

    public static PreparedTransaction decode(byte[] bytes) {
        JsonNode record = Json.readTree(bytes);
        Base64.Decoder base64 = Base64.getDecoder();
        List<Action> actions = new ArrayList<>();
        for (JsonNode a : record.path("Actions")) {
            actions.add(new Action(a.path("Table").asText(), a.path("StoreId").asLong(), (ObjectNode) a.get("Key"),
                    base64.decode(a.path("StorageKey").asText()),
                    a.hasNonNull("New") ? base64.decode(a.get("New").asText()) : null, a.path("Check").asBoolean()));
        }
        return new PreparedTransaction(record.path("Id").asText(), record.path("Coordinator").asInt(),
                record.path("Prepared").asLong(), List.copyOf(actions));
    }
}
