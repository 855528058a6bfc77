package io.dynamis.core.partiql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** An expression of a PartiQL statement: a WHERE condition, a SET value, a VALUE item. */
public sealed interface Expr {

    /** A document path: names and list indexes, e.g. {@code a.b[2]}; the first element is a name. */
    record Path(List<Object> elements) implements Expr {

        public String firstName() {
            return (String) elements.get(0);
        }

        /** True when the path is one top-level attribute name. */
        public boolean isName(String name) {
            return elements.size() == 1 && elements.get(0).equals(name);
        }

        /** The name a SELECT gives the projected value: the last name, with the indexes that follow it. */
        public String leafName() {
            int last = 0;
            for (int i = 0; i < elements.size(); i++) {
                if (elements.get(i) instanceof String) {
                    last = i;
                }
            }
            StringBuilder name = new StringBuilder((String) elements.get(last));
            for (int i = last + 1; i < elements.size(); i++) {
                name.append('[').append(elements.get(i)).append(']');
            }
            return name.toString();
        }
    }

    /** A literal value, already in the JSON API's AttributeValue form ({@code {"S": "x"}}). */
    record Literal(ObjectNode value) implements Expr {
    }

    /** A {@code ?} parameter: the index-th of the request's Parameters. */
    record Parameter(int index) implements Expr {
    }

    /** {@code {'name': value, ...}}: a map. */
    record Tuple(List<String> names, List<Expr> values) implements Expr {
    }

    /** {@code [value, ...]}: a list. */
    record ListValue(List<Expr> values) implements Expr {
    }

    /** {@code <<value, ...>>}: a set (string, number or binary). */
    record Bag(List<Expr> values) implements Expr {
    }

    /** A binary operator: a comparison ({@code = <> < <= > >=}), {@code AND}, {@code OR}, {@code +} or {@code -}. */
    record Binary(String operator, Expr left, Expr right) implements Expr {
    }

    record Not(Expr operand) implements Expr {
    }

    record Between(Expr operand, Expr low, Expr high) implements Expr {
    }

    record In(Expr operand, List<Expr> values) implements Expr {
    }

    /** {@code operand IS [NOT] MISSING|NULL}. */
    record Is(Expr operand, boolean missing, boolean negated) implements Expr {
    }

    /** A function call, its name in lower case: {@code begins_with}, {@code size}, {@code list_append}, ... */
    record Call(String function, List<Expr> arguments) implements Expr {
    }
}
