package io.dynamis.core.model;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A DynamoDB attribute value: one of the ten types of the data model.
 *
 * <p>Values are immutable. Numbers are exact decimals ({@link Num}), never doubles; binaries compare by
 * content; sets keep the order they arrived in (DynamoDB does not promise an order) and hold no
 * duplicates once validated. Validation of DynamoDB's rules (number range, empty sets, duplicates)
 * happens when a value is decoded from the wire, in {@code io.dynamis.core.json.AttributeValueCodec}.
 */
public sealed interface AttributeValue {

    /** The wire name of the type: S, N, B, BOOL, NULL, M, L, SS, NS, BS. */
    Type type();

    /** The ten DynamoDB types, by their wire names. */
    enum Type {
        S, N, B, BOOL, NULL, M, L, SS, NS, BS;

        /** True for the three types a key attribute may have. */
        public boolean isScalarKeyType() {
            return this == S || this == N || this == B;
        }
    }

    static AttributeValue s(String value) {
        return new Str(value);
    }

    static AttributeValue n(String value) {
        return Num.parse(value);
    }

    static AttributeValue n(long value) {
        return new Num(BigDecimal.valueOf(value));
    }

    static AttributeValue b(byte[] value) {
        return new Bin(value);
    }

    static AttributeValue bool(boolean value) {
        return value ? Bool.TRUE : Bool.FALSE;
    }

    static AttributeValue nul() {
        return Null.INSTANCE;
    }

    /** String. */
    record Str(String value) implements AttributeValue {
        public Type type() {
            return Type.S;
        }
    }

    /** Number: an exact decimal, kept normalized (no trailing zeros) so that equal numbers are equal values. */
    record Num(BigDecimal value) implements AttributeValue {
        public Num {
            value = Numbers.normalize(value);
        }

        /** Parses DynamoDB's number text; throws NumberFormatException when it is not a number. */
        public static Num parse(String text) {
            return new Num(Numbers.parse(text));
        }

        /** The number as DynamoDB writes it on the wire. */
        public String text() {
            return Numbers.format(value);
        }

        public Type type() {
            return Type.N;
        }
    }

    /** Binary: compares and hashes by content. */
    record Bin(byte[] value) implements AttributeValue {
        public Type type() {
            return Type.B;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bin other && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bin[" + Base64.getEncoder().encodeToString(value) + "]";
        }
    }

    /** Boolean. */
    record Bool(boolean value) implements AttributeValue {
        static final Bool TRUE = new Bool(true);
        static final Bool FALSE = new Bool(false);

        public Type type() {
            return Type.BOOL;
        }
    }

    /** Null (the wire form is {@code {"NULL": true}}). */
    record Null() implements AttributeValue {
        static final Null INSTANCE = new Null();

        public Type type() {
            return Type.NULL;
        }
    }

    /** Map of attribute names to values. */
    record MapValue(Map<String, AttributeValue> value) implements AttributeValue {
        public MapValue {
            value = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(value));
        }

        public Type type() {
            return Type.M;
        }
    }

    /** List of values of any types. */
    record ListValue(List<AttributeValue> value) implements AttributeValue {
        public ListValue {
            value = List.copyOf(value);
        }

        public Type type() {
            return Type.L;
        }
    }

    /** String set. */
    record StrSet(List<String> value) implements AttributeValue {
        public StrSet {
            value = List.copyOf(value);
        }

        public Type type() {
            return Type.SS;
        }
    }

    /** Number set; members are normalized, so equal numbers are equal members. */
    record NumSet(List<BigDecimal> value) implements AttributeValue {
        public NumSet {
            value = value.stream().map(Numbers::normalize).toList();
        }

        public Type type() {
            return Type.NS;
        }
    }

    /** Binary set. */
    record BinSet(List<byte[]> value) implements AttributeValue {
        public BinSet {
            value = List.copyOf(value);
        }

        public Type type() {
            return Type.BS;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof BinSet other) || other.value.size() != value.size()) {
                return false;
            }
            for (int i = 0; i < value.size(); i++) {
                if (!Arrays.equals(value.get(i), other.value.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (byte[] b : value) {
                h = 31 * h + Arrays.hashCode(b);
            }
            return h;
        }
    }
}
