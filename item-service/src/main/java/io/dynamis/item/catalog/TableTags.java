package io.dynamis.item.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.TableDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's tags, kept in its definition (as {@code Tags}, the shape CreateTable takes them in), with
 * DynamoDB's limits: at most 50 per table, keys of 1–128 and values of 0–256 characters, keys not
 * starting with {@code aws:}.
 */
public final class TableTags {

    public static final int MAX_TAGS = 50;

    private TableTags() {
    }

    /** The table's tags, by key, in the order they were added. */
    public static Map<String, String> of(TableDefinition table) {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode list = table.extra() == null ? null : table.extra().get("Tags");
        if (list != null) {
            for (JsonNode tag : list) {
                tags.put(tag.path("Key").asText(), tag.path("Value").asText(""));
            }
        }
        return tags;
    }

    /** Refuses more than {@link #MAX_TAGS} tags on one table. */
    public static void checkCount(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw ApiError.limitExceeded("The number of tags for the resource exceeds the limit of " + MAX_TAGS);
        }
    }

    /** The table with these tags (replacing its own). */
    public static TableDefinition with(TableDefinition table, Map<String, String> tags) {
        checkCount(tags);
        ObjectNode extra = table.extra() == null ? Json.object() : table.extra().deepCopy();
        extra.set("Tags", toJson(tags));
        return table.withExtra(extra);
    }

    public static ArrayNode toJson(Map<String, String> tags) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        tags.forEach((key, value) -> list.addObject().put("Key", key).put("Value", value));
        return list;
    }

    /** Reads a request's {@code Tags} list, collecting DynamoDB's constraint violations. */
    public static Map<String, String> read(RequestReader request) {
        ArrayNode list = request.list("Tags");
        Map<String, String> tags = new LinkedHashMap<>();
        if (list == null) {
            request.requirePresent("Tags", "tags");
            return tags;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isObject()) {
                throw ApiError.serialization("Unexpected value type in payload");
            }
            RequestReader tag = new RequestReader((ObjectNode) list.get(i));
            String key = tag.string("Key");
            String value = tag.string("Value");
            String path = "tags." + (i + 1) + ".member";
            if (key == null) {
                request.violation("Value null at '" + path + ".key' failed to satisfy constraint: Member must not be null");
            } else if (key.isEmpty() || key.length() > 128) {
                request.violation("Value '" + key + "' at '" + path + ".key' failed to satisfy constraint: Member must"
                        + " have length " + (key.isEmpty() ? "greater than or equal to 1" : "less than or equal to 128"));
            }
            if (value == null) {
                request.violation("Value null at '" + path + ".value' failed to satisfy constraint: Member must not be null");
            } else if (value.length() > 256) {
                request.violation("Value '" + value + "' at '" + path + ".value' failed to satisfy constraint: Member must"
                        + " have length less than or equal to 256");
            }
            if (key != null && value != null) {
                tags.put(key, value);
            }
        }
        return tags;
    }

    /**
     * The characters AWS tags allow in keys and values: letters, numbers and spaces of any language, and
     * {@code _ . : / = + - @}.
     */
    private static final java.util.regex.Pattern TAG_CHARACTERS =
            java.util.regex.Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    /** Refuses tag keys or values with other characters, with DynamoDB's messages (keys first). */
    public static void checkCharacters(Map<String, String> tags) {
        checkKeyCharacters(List.copyOf(tags.keySet()));
        for (String value : tags.values()) {
            if (!TAG_CHARACTERS.matcher(value).matches()) {
                throw ApiError.validation("The Tag Value provided is invalid, Value: " + value);
            }
        }
    }

    /** Refuses tag keys with characters tags do not allow (TagResource, UntagResource, CreateTable). */
    public static void checkKeyCharacters(List<String> keys) {
        for (String key : keys) {
            if (!TAG_CHARACTERS.matcher(key).matches()) {
                throw ApiError.validation("The Tag Key provided is invalid, Key: " + key);
            }
        }
    }

    /** Refuses keys in AWS's reserved {@code aws:} namespace. */
    public static void rejectReserved(List<String> keys) {
        for (String key : keys) {
            if (key.startsWith("aws:")) {
                throw ApiError.validation("One or more parameter values were invalid: Tag keys starting with 'aws:'"
                        + " are reserved for system use: " + key);
            }
        }
    }
}
