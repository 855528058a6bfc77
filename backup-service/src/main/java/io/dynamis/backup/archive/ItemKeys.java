package io.dynamis.backup.archive;

import io.dynamis.core.change.ChangeLogTopic;
import io.dynamis.core.model.AttributeValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * An item's identity in the archive's table copies: its key attributes, sorted by name, each value in
 * the change log's key text (numbers in their normal form), so two records of one item always give the
 * same bytes whatever the key schema (which a deleted table's records may outlive).
 */
final class ItemKeys {

    private ItemKeys() {
    }

    static byte[] of(long prefix, Map<String, AttributeValue> keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(Prefixes.of(prefix));
        for (Map.Entry<String, AttributeValue> key : new TreeMap<>(keys).entrySet()) {
            out.writeBytes(key.getKey().getBytes(StandardCharsets.UTF_8));
            out.write(0);
            out.writeBytes(ChangeLogTopic.keyValueText(key.getValue()).getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }
}
