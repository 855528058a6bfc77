package io.dynamis.core.expression;

import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.model.ByteSequences;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The evaluable conditions, resolved from a condition tree or built from legacy Expected and filter
 * maps. The rules of DynamoDB's comparison reference: comparing a missing attribute or values of
 * different types is false (so {@code <>} is true); {@code < <= > >=} and BETWEEN order only numbers,
 * strings and binaries.
 */
sealed interface ConditionNode extends Condition {

    record Compare(String operator, Operand left, Operand right) implements ConditionNode {
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue a = left.value(item);
            AttributeValue b = right.value(item);
            if (operator.equals("=")) {
                return Values.equal(a, b);
            }
            if (operator.equals("<>")) {
                return !Values.equal(a, b);
            }
            Integer order = Values.compare(a, b);
            if (order == null) {
                return false;
            }
            return switch (operator) {
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                default -> order >= 0;
            };
        }
    }

    record Between(Operand subject, Operand lower, Operand upper) implements ConditionNode {
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = subject.value(item);
            Integer low = Values.compare(v, lower.value(item));
            Integer high = Values.compare(v, upper.value(item));
            return low != null && high != null && low >= 0 && high <= 0;
        }
    }

    record In(Operand subject, List<Operand> candidates) implements ConditionNode {
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = subject.value(item);
            if (v == null) {
                return false;
            }
            for (Operand candidate : candidates) {
                if (Values.equal(v, candidate.value(item))) {
                    return true;
                }
            }
            return false;
        }
    }

    record AttributeExists(DocumentPath path, boolean exists) implements ConditionNode {
        public boolean test(Map<String, AttributeValue> item) {
            return (DocumentPaths.get(item, path) != null) == exists;
        }
    }

    record AttributeType(Operand subject, Operand type) implements ConditionNode {
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = subject.value(item);
            return v != null && type.value(item) instanceof AttributeValue.Str t && v.type().name().equals(t.value());
        }
    }

    record BeginsWith(Operand subject, Operand prefix) implements ConditionNode {
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = subject.value(item);
            AttributeValue p = prefix.value(item);
            if (v instanceof AttributeValue.Str s && p instanceof AttributeValue.Str ps) {
                return s.value().startsWith(ps.value());
            }
            if (v instanceof AttributeValue.Bin b && p instanceof AttributeValue.Bin pb) {
                return b.value().length >= pb.value().length
                        && Arrays.equals(b.value(), 0, pb.value().length, pb.value(), 0, pb.value().length);
            }
            return false;
        }
    }

    /** {@code contains}: a substring of a string, a member of a set, an element of a list. */
    record Contains(Operand subject, Operand operand) implements ConditionNode {
        public boolean test(Map<String, AttributeValue> item) {
            return contains(subject.value(item), operand.value(item));
        }

        static boolean contains(AttributeValue v, AttributeValue x) {
            if (v == null || x == null) {
                return false;
            }
            if (v instanceof AttributeValue.Str s) {
                return x instanceof AttributeValue.Str xs && s.value().contains(xs.value());
            }
            if (v instanceof AttributeValue.Bin b) {
                return x instanceof AttributeValue.Bin xb && ByteSequences.indexOf(b.value(), xb.value()) >= 0;
            }
            if (v instanceof AttributeValue.StrSet s) {
                return x instanceof AttributeValue.Str xs && s.value().contains(xs.value());
            }
            if (v instanceof AttributeValue.NumSet s) {
                return x instanceof AttributeValue.Num xn && s.value().contains(xn.value());
            }
            if (v instanceof AttributeValue.BinSet s) {
                return x instanceof AttributeValue.Bin xb
                        && s.value().stream().anyMatch(member -> Arrays.equals(member, xb.value()));
            }
            if (v instanceof AttributeValue.ListValue l) {
                return l.value().stream().anyMatch(element -> Values.equal(element, x));
            }
            return false;
        }
    }

    record And(List<Condition> operands) implements ConditionNode {
        public boolean test(Map<String, AttributeValue> item) {
            for (Condition c : operands) {
                if (!c.test(item)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<Condition> operands) implements ConditionNode {
        public boolean test(Map<String, AttributeValue> item) {
            for (Condition c : operands) {
                if (c.test(item)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Condition operand) implements ConditionNode {
        public boolean test(Map<String, AttributeValue> item) {
            return !operand.test(item);
        }
    }
}
