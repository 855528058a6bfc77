package io.dynamis.core.expression;

import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.model.AttributeValue.BinSet;
import io.dynamis.core.model.AttributeValue.ListValue;
import io.dynamis.core.model.AttributeValue.MapValue;
import io.dynamis.core.model.AttributeValue.NumSet;
import io.dynamis.core.model.AttributeValue.StrSet;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How expressions see attribute values: equality (sets as sets, documents deep), the order of the
 * three ordered types (numbers numerically, strings by UTF-8 bytes, binaries by unsigned bytes), and
 * the type names DynamoDB's messages use.
 */
final class Values {

    private Values() {
    }

    /** DynamoDB equality: same type and same content; sets ignore order; maps and lists compare deeply. */
    static boolean equal(AttributeValue a, AttributeValue b) {
        if (a == null || b == null || a.type() != b.type()) {
            return false;
        }
        if (a instanceof StrSet x) {
            return new HashSet<>(x.value()).equals(new HashSet<>(((StrSet) b).value()));
        }
        if (a instanceof NumSet x) {
            return new HashSet<>(x.value()).equals(new HashSet<>(((NumSet) b).value()));
        }
        if (a instanceof BinSet x) {
            return binaries(x.value()).equals(binaries(((BinSet) b).value()));
        }
        if (a instanceof ListValue x) {
            List<AttributeValue> y = ((ListValue) b).value();
            if (x.value().size() != y.size()) {
                return false;
            }
            for (int i = 0; i < y.size(); i++) {
                if (!equal(x.value().get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof MapValue x) {
            Map<String, AttributeValue> y = ((MapValue) b).value();
            if (x.value().size() != y.size()) {
                return false;
            }
            for (Map.Entry<String, AttributeValue> e : x.value().entrySet()) {
                if (!equal(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    static Set<ByteBuffer> binaries(List<byte[]> values) {
        Set<ByteBuffer> set = new HashSet<>();
        for (byte[] b : values) {
            set.add(ByteBuffer.wrap(b));
        }
        return set;
    }

    /** True for N, S and B, the types that have an order. */
    static boolean isOrdered(AttributeValue v) {
        return v != null && (v.type() == AttributeValue.Type.N || v.type() == AttributeValue.Type.S
                || v.type() == AttributeValue.Type.B);
    }

    /**
     * The order of two values of the same ordered type (negative, zero, positive), or null when they
     * cannot be compared (missing, different types, or a type without order).
     */
    static Integer compare(AttributeValue a, AttributeValue b) {
        if (!isOrdered(a) || !isOrdered(b) || a.type() != b.type()) {
            return null;
        }
        if (a instanceof AttributeValue.Num x) {
            return x.value().compareTo(((AttributeValue.Num) b).value());
        }
        if (a instanceof AttributeValue.Str x) {
            return compareStrings(x.value(), ((AttributeValue.Str) b).value());
        }
        return Arrays.compareUnsigned(((AttributeValue.Bin) a).value(), ((AttributeValue.Bin) b).value());
    }

    /** Code point order, which is the order of the UTF-8 bytes DynamoDB compares. */
    static int compareStrings(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** The long type name of DynamoDB's update-operand messages: STRING, NUMBER, BINARY SET, ... */
    static String longTypeName(AttributeValue.Type type) {
        return switch (type) {
            case S -> "STRING";
            case N -> "NUMBER";
            case B -> "BINARY";
            case BOOL -> "BOOLEAN";
            case NULL -> "NULL";
            case M -> "MAP";
            case L -> "LIST";
            case SS -> "STRING SET";
            case NS -> "NUMBER SET";
            case BS -> "BINARY SET";
        };
    }

    /** True for SS, NS and BS. */
    static boolean isSet(AttributeValue v) {
        return v instanceof StrSet || v instanceof NumSet || v instanceof BinSet;
    }
}
