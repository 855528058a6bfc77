package io.dynamis.core.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cache's keys, normalized so that requests asking the same thing meet on the same entry.
 *
 * <p>An item's key is its primary key attributes sorted by name, each value in its canonical form
 * (numbers normalized: {@code 1.0} and {@code 1} are one key), so that a GetItem key, the key of a
 * written item and the keys of a change record all name one entry. A Query or Scan page's key is its
 * whole request with every JSON object's members sorted, minus the members that do not change the
 * answer's items ({@code ReturnConsumedCapacity}); everything else (projection, Select, names and
 * values, Limit, ExclusiveStartKey, IndexName, segments, filters) is part of the key.
 */
public final class CacheKeys {

    private CacheKeys() {
    }

    /** The entry key of an item, from its primary key attributes (or a key map holding only them). */
    public static String item(Map<String, AttributeValue> key) {
        return new String(Json.toBytes(AttributeValueCodec.encodeItem(new TreeMap<>(key))), StandardCharsets.UTF_8);
    }

    /** The entry key of a Query or Scan request (its operation included). */
    public static String page(String operation, ObjectNode request) {
        ObjectNode copy = request.deepCopy();
        copy.remove("ReturnConsumedCapacity");
        return operation + ":" + new String(Json.toBytes(sorted(copy)), StandardCharsets.UTF_8);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = Json.object();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }
}
