package io.dynamis.core.expression;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.model.AttributeValue.ListValue;
import io.dynamis.core.model.AttributeValue.MapValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading and writing an item at a {@link DocumentPath}. Values are immutable, so a write rebuilds the
 * maps and lists along the path and shares everything else.
 */
final class DocumentPaths {

    static final String INVALID_FOR_UPDATE = "The document path provided in the update expression is invalid for update";

    private DocumentPaths() {
    }

    /** The value at the path, or null when the item has nothing there. */
    static AttributeValue get(Map<String, AttributeValue> item, DocumentPath path) {
        List<Object> elements = path.elements();
        AttributeValue current = item.get(path.attribute());
        for (int i = 1; i < elements.size() && current != null; i++) {
            current = child(current, elements.get(i));
        }
        return current;
    }

    private static AttributeValue child(AttributeValue container, Object element) {
        if (element instanceof String key && container instanceof MapValue map) {
            return map.value().get(key);
        }
        if (element instanceof Integer index && container instanceof ListValue list) {
            return index < list.value().size() ? list.value().get(index) : null;
        }
        return null;
    }

    /**
     * Writes the value at the path in the (mutable) item. The parent of a nested path must exist and
     * be a map (for a key) or a list (for an index; an index past the end appends), else DynamoDB's
     * "document path ... invalid for update".
     */
    static void set(Map<String, AttributeValue> item, DocumentPath path, AttributeValue value) {
        List<Object> elements = path.elements();
        if (elements.size() == 1) {
            item.put(path.attribute(), value);
            return;
        }
        AttributeValue top = item.get(path.attribute());
        if (top == null) {
            throw ApiError.validation(INVALID_FOR_UPDATE);
        }
        item.put(path.attribute(), setIn(top, elements.subList(1, elements.size()), value));
    }

    private static AttributeValue setIn(AttributeValue container, List<Object> rest, AttributeValue value) {
        Object element = rest.get(0);
        boolean last = rest.size() == 1;
        if (element instanceof String key && container instanceof MapValue map) {
            Map<String, AttributeValue> copy = new LinkedHashMap<>(map.value());
            if (last) {
                copy.put(key, value);
            } else {
                AttributeValue next = copy.get(key);
                if (next == null) {
                    throw ApiError.validation(INVALID_FOR_UPDATE);
                }
                copy.put(key, setIn(next, rest.subList(1, rest.size()), value));
            }
            return new MapValue(copy);
        }
        if (element instanceof Integer index && container instanceof ListValue list) {
            List<AttributeValue> copy = new ArrayList<>(list.value());
            if (last) {
                if (index >= copy.size()) {
                    copy.add(value);
                } else {
                    copy.set(index, value);
                }
            } else {
                if (index >= copy.size()) {
                    throw ApiError.validation(INVALID_FOR_UPDATE);
                }
                copy.set(index, setIn(copy.get(index), rest.subList(1, rest.size()), value));
            }
            return new ListValue(copy);
        }
        throw ApiError.validation(INVALID_FOR_UPDATE);
    }

    /**
     * Removes what the path names from the (mutable) item; nothing happens when it is not there. A path
     * through a value that is neither map nor list is "invalid for update".
     */
    static void remove(Map<String, AttributeValue> item, DocumentPath path) {
        List<Object> elements = path.elements();
        if (elements.size() == 1) {
            item.remove(path.attribute());
            return;
        }
        AttributeValue top = item.get(path.attribute());
        if (top == null) {
            return;
        }
        AttributeValue updated = removeIn(top, elements.subList(1, elements.size()));
        if (updated != null) {
            item.put(path.attribute(), updated);
        }
    }

    /** The container without the element, or null when there was nothing to remove. */
    private static AttributeValue removeIn(AttributeValue container, List<Object> rest) {
        Object element = rest.get(0);
        boolean last = rest.size() == 1;
        if (element instanceof String key && container instanceof MapValue map) {
            AttributeValue next = map.value().get(key);
            if (next == null) {
                return null;
            }
            Map<String, AttributeValue> copy = new LinkedHashMap<>(map.value());
            if (last) {
                copy.remove(key);
            } else {
                AttributeValue updated = removeIn(next, rest.subList(1, rest.size()));
                if (updated == null) {
                    return null;
                }
                copy.put(key, updated);
            }
            return new MapValue(copy);
        }
        if (element instanceof Integer index && container instanceof ListValue list) {
            if (index >= list.value().size()) {
                return null;
            }
            List<AttributeValue> copy = new ArrayList<>(list.value());
            if (last) {
                copy.remove((int) index);
            } else {
                AttributeValue updated = removeIn(copy.get(index), rest.subList(1, rest.size()));
                if (updated == null) {
                    return null;
                }
                copy.set(index, updated);
            }
            return new ListValue(copy);
        }
        throw ApiError.validation(INVALID_FOR_UPDATE);
    }

    /** DynamoDB's rendering of a path in messages: {@code [a, b, [2]]}. */
    static String describe(DocumentPath path) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < path.elements().size(); i++) {
            Object e = path.elements().get(i);
            if (i > 0) {
                s.append(", ");
            }
            s.append(e instanceof Integer ? "[" + e + "]" : e);
        }
        return s.append(']').toString();
    }
}
