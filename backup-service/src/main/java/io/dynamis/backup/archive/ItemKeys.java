package io.dynamis.backup.archive;

import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.model.Numbers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * An item's identity in the archive's table copies and backups: its key attributes, sorted by name,
 * numbers in their normal form, so two records of one item always give the same bytes whatever the key
 * schema (which a deleted table's records may outlive).
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
            AttributeValue value = key.getValue();
            String text;
            if (value instanceof AttributeValue.Str s) {
                text = "S" + s.value();
            } else if (value instanceof AttributeValue.Num n) {
                text = "N" + Numbers.format(n.value());
            } else if (value instanceof AttributeValue.Bin b) {
                text = "B" + Base64.getEncoder().encodeToString(b.value());
            } else {
                text = "?" + value;
            }
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }
}
