package io.dynamis.core.expression;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The top-level attributes a resolved condition reads: what Query needs to refuse a filter on a key
 * attribute ("Filter Expression can only contain non-primary key attributes").
 */
public final class ConditionAttributes {

    private ConditionAttributes() {
    }

    /** The names of the top-level attributes the condition refers to, in the order they appear. */
    public static Set<String> of(Condition condition) {
        Set<String> names = new LinkedHashSet<>();
        collect(condition, names);
        return names;
    }

    private static void collect(Condition condition, Set<String> names) {
        if (condition instanceof ConditionNode.Compare c) {
            operands(names, c.left(), c.right());
        } else if (condition instanceof ConditionNode.Between b) {
            operands(names, b.subject(), b.lower(), b.upper());
        } else if (condition instanceof ConditionNode.In in) {
            operands(names, in.subject());
            in.candidates().forEach(c -> operands(names, c));
        } else if (condition instanceof ConditionNode.AttributeExists e) {
            names.add(e.path().attribute());
        } else if (condition instanceof ConditionNode.AttributeType t) {
            operands(names, t.subject(), t.type());
        } else if (condition instanceof ConditionNode.BeginsWith b) {
            operands(names, b.subject(), b.prefix());
        } else if (condition instanceof ConditionNode.Contains c) {
            operands(names, c.subject(), c.operand());
        } else if (condition instanceof ConditionNode.And and) {
            and.operands().forEach(c -> collect(c, names));
        } else if (condition instanceof ConditionNode.Or or) {
            or.operands().forEach(c -> collect(c, names));
        } else if (condition instanceof ConditionNode.Not not) {
            collect(not.operand(), names);
        }
    }

    private static void operands(Set<String> names, Operand... operands) {
        for (Operand operand : operands) {
            if (operand instanceof Operand.PathOperand p) {
                names.add(p.path().attribute());
            } else if (operand instanceof Operand.Size s) {
                operands(names, s.of());
            } else if (operand instanceof Operand.Arithmetic a) {
                operands(names, a.left(), a.right());
            } else if (operand instanceof Operand.ListAppend l) {
                operands(names, l.first(), l.second());
            } else if (operand instanceof Operand.IfNotExists i) {
                names.add(i.path().attribute());
                operands(names, i.fallback());
            }
        }
    }
}
