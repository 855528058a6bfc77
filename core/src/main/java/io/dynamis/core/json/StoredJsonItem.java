package io.dynamis.core.json;

import io.dynamis.core.model.AttributeValue;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * An item kept as the DynamoDB JSON bytes it came as (a slice of an array, not copied), decoded only when
 * someone reads its attributes: a change record's images pass through the consumers that only store,
 * compare or forward them (the archive, cache coherence, a restore) without being decoded and encoded again
 * ({@link AttributeValueCodec#itemBytes} hands the bytes back as they are). Read-only, like every item a
 * decoder hands out.
 */
public final class StoredJsonItem extends AbstractMap<String, AttributeValue> {

    private final byte[] bytes;
    private final int from;
    private final int to;
    private volatile Map<String, AttributeValue> decoded;

    /** The item whose JSON object is {@code bytes[from, to)}: valid DynamoDB JSON, UTF-8 (not checked here). */
    public StoredJsonItem(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.from = from;
        this.to = to;
    }

    /** The item's JSON after {@code prefix} zero bytes (a new array). */
    public byte[] json(int prefix) {
        byte[] json = new byte[prefix + to - from];
        System.arraycopy(bytes, from, json, prefix, to - from);
        return json;
    }

    /** Whether {@code json} from {@code offset} to its end is this item's JSON, byte for byte. */
    public boolean sameJson(byte[] json, int offset) {
        return Arrays.equals(bytes, from, to, json, offset, json.length);
    }

    private Map<String, AttributeValue> decoded() {
        Map<String, AttributeValue> item = decoded;
        if (item == null) {
            item = Collections.unmodifiableMap(StoredItemDecoder.decode(bytes, from, to));
            decoded = item;
        }
        return item;
    }

    @Override
    public Set<Entry<String, AttributeValue>> entrySet() {
        return decoded().entrySet();
    }

    @Override
    public AttributeValue get(Object key) {
        return decoded().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return decoded().containsKey(key);
    }

    @Override
    public int size() {
        return decoded().size();
    }
}
