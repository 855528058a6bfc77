package io.dynamis.core.item;

import io.dynamis.core.model.AttributeValue;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The size DynamoDB charges and limits an item by: the UTF-8 length of each attribute name plus the
 * size of its value. Strings count their UTF-8 bytes, binaries their bytes, numbers one byte per two
 * significant digits plus one, booleans and nulls one byte, lists and maps three bytes of overhead
 * plus one byte per element besides the elements themselves, sets the sum of their members.
 */
public final class ItemSize {

    /** The largest item DynamoDB stores: 400 KB. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    /** The documented limit on the aggregate size of the items (Put items, the keys of other actions) of one transaction. */
    public static final long MAX_TRANSACTION_BYTES = 4L * 1024 * 1024;

    /** The ValidationException of a transaction over {@link #MAX_TRANSACTION_BYTES} (the documentation's sentence). */
    public static io.dynamis.core.error.ApiError transactionTooLarge() {
        return io.dynamis.core.error.ApiError.validation("The aggregate size of the items in the transaction cannot exceed 4 MB");
    }

    private ItemSize() {
    }

    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8Length(e.getKey()) + of(e.getValue());
        }
        return size;
    }

    public static long of(AttributeValue value) {
        if (value instanceof AttributeValue.Str s) {
            return utf8Length(s.value());
        }
        if (value instanceof AttributeValue.Num n) {
            return numberSize(n.value());
        }
        if (value instanceof AttributeValue.Bin b) {
            return b.value().length;
        }
        if (value instanceof AttributeValue.Bool || value instanceof AttributeValue.Null) {
            return 1;
        }
        if (value instanceof AttributeValue.MapValue m) {
            long size = 3;
            for (Map.Entry<String, AttributeValue> e : m.value().entrySet()) {
                size += 1 + utf8Length(e.getKey()) + of(e.getValue());
            }
            return size;
        }
        if (value instanceof AttributeValue.ListValue l) {
            long size = 3;
            for (AttributeValue element : l.value()) {
                size += 1 + of(element);
            }
            return size;
        }
        if (value instanceof AttributeValue.StrSet ss) {
            return ss.value().stream().mapToLong(ItemSize::utf8Length).sum();
        }
        if (value instanceof AttributeValue.NumSet ns) {
            return ns.value().stream().mapToLong(ItemSize::numberSize).sum();
        }
        if (value instanceof AttributeValue.BinSet bs) {
            return bs.value().stream().mapToLong(b -> b.length).sum();
        }
        throw new IllegalArgumentException("unknown attribute value " + value);
    }

    static long numberSize(BigDecimal n) {
        return (n.precision() + 1) / 2 + 1;
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

}
