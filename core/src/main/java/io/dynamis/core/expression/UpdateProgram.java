package io.dynamis.core.expression;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.model.Numbers;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resolved update: SET, REMOVE, ADD and DELETE actions on document paths, from an UpdateExpression
 * or legacy AttributeUpdates.
 *
 * <p>As in DynamoDB, every operand reads the item as it was before the update, so
 * {@code SET a = b, b = a} swaps. The validated paths never overlap, so the actions are independent,
 * except REMOVE of several elements of one list: they name the original indexes, so removals run last
 * and from the highest index down.
 */
final class UpdateProgram implements Update {

    static final String MISSING_ATTRIBUTE = "The provided expression refers to an attribute that does not exist in the item";
    static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";

    sealed interface Action {
        DocumentPath path();
    }

    record SetAction(DocumentPath path, Operand value) implements Action {
    }

    record RemoveAction(DocumentPath path) implements Action {
    }

    /** ADD; {@code appendsLists} for legacy AttributeUpdates, where ADD of a list appends to a list. */
    record AddAction(DocumentPath path, AttributeValue value, boolean appendsLists) implements Action {
    }

    record DeleteAction(DocumentPath path, AttributeValue value) implements Action {
    }

    private final List<Action> actions;

    UpdateProgram(List<Action> actions) {
        this.actions = List.copyOf(actions);
    }

    @Override
    public List<DocumentPath> paths() {
        return actions.stream().map(Action::path).toList();
    }

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> before) {
        Map<String, AttributeValue> after = new LinkedHashMap<>(before);
        List<DocumentPath> removals = new ArrayList<>();
        for (Action action : actions) {
            if (action instanceof SetAction set) {
                DocumentPaths.set(after, set.path(), strictValue(set.value(), before));
            } else if (action instanceof RemoveAction remove) {
                removals.add(remove.path());
            } else if (action instanceof AddAction add) {
                AttributeValue sum = add(DocumentPaths.get(before, add.path()), add.value(), add.appendsLists());
                DocumentPaths.set(after, add.path(), sum);
            } else if (action instanceof DeleteAction delete) {
                AttributeValue existing = DocumentPaths.get(before, delete.path());
                if (existing != null) {
                    AttributeValue rest = difference(existing, delete.value());
                    if (rest == null) {
                        DocumentPaths.remove(after, delete.path());
                    } else {
                        DocumentPaths.set(after, delete.path(), rest);
                    }
                }
            }
        }
        removals.sort(HIGHEST_INDEX_FIRST);
        for (DocumentPath path : removals) {
            DocumentPaths.remove(after, path);
        }
        return after;
    }

    /** Orders paths so that, within one list, higher indexes come first. */
    private static final Comparator<DocumentPath> HIGHEST_INDEX_FIRST = (a, b) -> {
        List<Object> x = a.elements();
        List<Object> y = b.elements();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            Object p = x.get(i);
            Object q = y.get(i);
            if (p instanceof Integer pi && q instanceof Integer qi) {
                if (!pi.equals(qi)) {
                    return Integer.compare(qi, pi);
                }
            } else if (!p.equals(q)) {
                return p.toString().compareTo(q.toString());
            }
        }
        return Integer.compare(x.size(), y.size());
    };

    /** An operand as SET reads it: a missing attribute or a wrong type is an error, not "nothing". */
    static AttributeValue strictValue(Operand operand, Map<String, AttributeValue> item) {
        if (operand instanceof Operand.PathOperand path) {
            AttributeValue v = path.value(item);
            if (v == null) {
                throw ApiError.validation(MISSING_ATTRIBUTE);
            }
            return v;
        }
        if (operand instanceof Operand.Literal literal) {
            return literal.literal();
        }
        if (operand instanceof Operand.IfNotExists ifNotExists) {
            AttributeValue v = DocumentPaths.get(item, ifNotExists.path());
            return v != null ? v : strictValue(ifNotExists.fallback(), item);
        }
        if (operand instanceof Operand.ListAppend append) {
            AttributeValue a = strictValue(append.first(), item);
            AttributeValue b = strictValue(append.second(), item);
            if (!(a instanceof AttributeValue.ListValue la) || !(b instanceof AttributeValue.ListValue lb)) {
                throw ApiError.validation(WRONG_TYPE);
            }
            List<AttributeValue> joined = new ArrayList<>(la.value());
            joined.addAll(lb.value());
            return new AttributeValue.ListValue(joined);
        }
        if (operand instanceof Operand.Arithmetic arithmetic) {
            AttributeValue a = strictValue(arithmetic.left(), item);
            AttributeValue b = strictValue(arithmetic.right(), item);
            if (!(a instanceof AttributeValue.Num na) || !(b instanceof AttributeValue.Num nb)) {
                throw ApiError.validation(WRONG_TYPE);
            }
            return number(arithmetic.operator() == '+' ? na.value().add(nb.value()) : na.value().subtract(nb.value()));
        }
        throw ApiError.validation(WRONG_TYPE);
    }

    private static AttributeValue number(BigDecimal value) {
        String problem = Numbers.rangeProblem(value);
        if (problem != null) {
            throw ApiError.validation(problem);
        }
        return new AttributeValue.Num(value);
    }

    /** ADD: a number adds, a set unions; a missing attribute starts at 0 or the empty set. */
    static AttributeValue add(AttributeValue existing, AttributeValue value, boolean appendsLists) {
        if (existing == null) {
            return value;
        }
        if (existing instanceof AttributeValue.Num a && value instanceof AttributeValue.Num b) {
            return number(a.value().add(b.value()));
        }
        if (existing instanceof AttributeValue.StrSet a && value instanceof AttributeValue.StrSet b) {
            Set<String> union = new LinkedHashSet<>(a.value());
            union.addAll(b.value());
            return new AttributeValue.StrSet(List.copyOf(union));
        }
        if (existing instanceof AttributeValue.NumSet a && value instanceof AttributeValue.NumSet b) {
            Set<BigDecimal> union = new LinkedHashSet<>(a.value());
            union.addAll(b.value());
            return new AttributeValue.NumSet(List.copyOf(union));
        }
        if (existing instanceof AttributeValue.BinSet a && value instanceof AttributeValue.BinSet b) {
            List<byte[]> union = new ArrayList<>(a.value());
            Set<ByteBuffer> seen = Values.binaries(a.value());
            for (byte[] member : b.value()) {
                if (seen.add(ByteBuffer.wrap(member))) {
                    union.add(member);
                }
            }
            return new AttributeValue.BinSet(union);
        }
        if (appendsLists && existing instanceof AttributeValue.ListValue a && value instanceof AttributeValue.ListValue b) {
            List<AttributeValue> joined = new ArrayList<>(a.value());
            joined.addAll(b.value());
            return new AttributeValue.ListValue(joined);
        }
        throw ApiError.validation(WRONG_TYPE);
    }

    /** DELETE: the set without the given members, or null when nothing remains. */
    static AttributeValue difference(AttributeValue existing, AttributeValue value) {
        if (existing instanceof AttributeValue.StrSet a && value instanceof AttributeValue.StrSet b) {
            List<String> rest = new ArrayList<>(a.value());
            rest.removeAll(b.value());
            return rest.isEmpty() ? null : new AttributeValue.StrSet(rest);
        }
        if (existing instanceof AttributeValue.NumSet a && value instanceof AttributeValue.NumSet b) {
            List<BigDecimal> rest = new ArrayList<>(a.value());
            rest.removeAll(b.value());
            return rest.isEmpty() ? null : new AttributeValue.NumSet(rest);
        }
        if (existing instanceof AttributeValue.BinSet a && value instanceof AttributeValue.BinSet b) {
            Set<ByteBuffer> removed = Values.binaries(b.value());
            List<byte[]> rest = a.value().stream().filter(m -> !removed.contains(ByteBuffer.wrap(m))).toList();
            return rest.isEmpty() ? null : new AttributeValue.BinSet(rest);
        }
        throw ApiError.validation(WRONG_TYPE);
    }
}
