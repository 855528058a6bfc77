package io.dynamis.core.expression;

import io.dynamis.core.model.AttributeValue;
import java.util.Map;

/**
 * A resolved operand: placeholders replaced by the request's names and values. {@link #value} is the
 * condition reading (null when the item has nothing there); updates read operands strictly, in
 * {@link UpdateProgram}.
 */
sealed interface Operand {

    AttributeValue value(Map<String, AttributeValue> item);

    /** A document path into the item. */
    record PathOperand(DocumentPath path) implements Operand {
        public AttributeValue value(Map<String, AttributeValue> item) {
            return DocumentPaths.get(item, path);
        }
    }

    /** A value from ExpressionAttributeValues (or a legacy AttributeValueList). */
    record Literal(AttributeValue literal) implements Operand {
        public AttributeValue value(Map<String, AttributeValue> item) {
            return literal;
        }
    }

    /**
     * {@code size(path)}: characters of a string, bytes of a binary, elements of a set, list or map;
     * nothing (so the comparison is false) for other types.
     */
    record Size(Operand of) implements Operand {
        public AttributeValue value(Map<String, AttributeValue> item) {
            AttributeValue v = of.value(item);
            long size;
            if (v instanceof AttributeValue.Str s) {
                size = s.value().length();
            } else if (v instanceof AttributeValue.Bin b) {
                size = b.value().length;
            } else if (v instanceof AttributeValue.StrSet s) {
                size = s.value().size();
            } else if (v instanceof AttributeValue.NumSet s) {
                size = s.value().size();
            } else if (v instanceof AttributeValue.BinSet s) {
                size = s.value().size();
            } else if (v instanceof AttributeValue.ListValue l) {
                size = l.value().size();
            } else if (v instanceof AttributeValue.MapValue m) {
                size = m.value().size();
            } else {
                return null;
            }
            return AttributeValue.n(size);
        }
    }

    /** {@code a + b}, {@code a - b} of an update's SET. */
    record Arithmetic(char operator, Operand left, Operand right) implements Operand {
        public AttributeValue value(Map<String, AttributeValue> item) {
            return UpdateProgram.strictValue(this, item);
        }
    }

    /** {@code list_append(a, b)} of an update's SET. */
    record ListAppend(Operand first, Operand second) implements Operand {
        public AttributeValue value(Map<String, AttributeValue> item) {
            return UpdateProgram.strictValue(this, item);
        }
    }

    /** {@code if_not_exists(path, value)} of an update's SET. */
    record IfNotExists(DocumentPath path, Operand fallback) implements Operand {
        public AttributeValue value(Map<String, AttributeValue> item) {
            return UpdateProgram.strictValue(this, item);
        }
    }
}
