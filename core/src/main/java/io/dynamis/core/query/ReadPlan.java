package io.dynamis.core.query;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.expression.KeyCondition;
import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.key.OrderedBytes;
import io.dynamis.core.key.PrimaryKeys;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.TableDefinition;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A {@link ReadRequest} bound to its table: the key condition matched to the key schema, the start
 * key checked, and the one {@link KeyRange} of storage keys to read, in the direction to read it.
 *
 * <p>A Query reads one partition (the prefix {@code storeId | hash | partition key}), narrowed by its
 * sort-key term; a Scan reads the table's prefix, or for a parallel scan the slice of the 16-bit
 * partition hash that is its segment: segment {@code i} of {@code n} holds the hashes
 * {@code [i * 65536 / n, (i + 1) * 65536 / n)}, so the segments are disjoint and cover the table
 * (with more segments than hashes, some segments are empty).
 */
public final class ReadPlan {

    /** The number of distinct partition hashes, {@link KeyCodec#HASH_BYTES} bytes. */
    static final int HASHES = 1 << 16;

    private final ReadRequest request;
    private final ReadTarget target;
    private final PrimaryKeySchema schema;
    /** The key condition's terms on sort attributes, in KeySchema order (empty for a Scan). */
    private final List<KeyCondition.Term> sortTerms;
    private final KeyRange range;

    private ReadPlan(ReadRequest request, ReadTarget target, List<KeyCondition.Term> sortTerms, KeyRange range) {
        this.request = request;
        this.target = target;
        this.schema = target.keySchema();
        this.sortTerms = sortTerms;
        this.range = range;
    }

    /**
     * Binds the request to the table, or to the index it names ({@link ReadTarget#resolve}); throws
     * DynamoDB's ValidationException when they do not fit.
     */
    public static ReadPlan of(ReadRequest request, TableDefinition table) {
        return of(request, ReadTarget.resolve(request, table));
    }

    /**
     * Binds the request to a resolved table or index. An index is read like a table whose key is the
     * index's; its entries' keys also carry the table's key, after the index's ({@link ReadTarget#storageKey}),
     * so a bound that stops at an index key stops after all its entries. ExclusiveStartKey holds the
     * table's key and the index's.
     */
    public static ReadPlan of(ReadRequest request, ReadTarget target) {
        PrimaryKeySchema schema = target.keySchema();
        long storeId = target.storeId();
        if (request.kind() == ReadRequest.Kind.SCAN) {
            return scan(request, target, storeId);
        }
        KeyCondition condition = request.keyCondition();
        List<AttributeValue> partition = partitionValues(condition, schema);
        List<KeyCondition.Term> sortTerms = sortTerms(condition, schema);
        refuseKeyAttributesInFilter(request, schema);
        KeyRange range = sortRange(storeId, partition, sortTerms);
        if (request.exclusiveStartKey() != null) {
            StartKey start = startKey(target, request.exclusiveStartKey());
            if (!start.partition().equals(partition)) {
                throw ApiError.validation("The provided starting key is outside query boundaries based on provided"
                        + " conditions");
            }
            for (KeyCondition.Term term : sortTerms) {
                if (!term.test(start.key().get(term.attribute()))) {
                    throw ApiError.validation("The provided starting key does not match the range key predicate");
                }
            }
            range = resume(range, start.storageKey(), request.forward());
        }
        return new ReadPlan(request, target, sortTerms, range);
    }

    /** What is read: the table or one of its indexes. */
    public ReadTarget target() {
        return target;
    }

    /** The keys to read. */
    public KeyRange range() {
        return range;
    }

    /** True to read the range in ascending key order, false for descending (ScanIndexForward false). */
    public boolean forward() {
        return request.forward();
    }

    public ReadRequest request() {
        return request;
    }

    public PrimaryKeySchema schema() {
        return schema;
    }

    /** Whether items of the range must still be checked against the key condition ({@link #matchesKeyCondition}). */
    public boolean checksEachItem() {
        return !sortTerms.isEmpty();
    }

    /**
     * Whether an item read from the range satisfies the key condition. The range is exact, so this is
     * a safeguard only: an item failing it is skipped without being counted.
     */
    public boolean matchesKeyCondition(Map<String, AttributeValue> item) {
        for (KeyCondition.Term term : sortTerms) {
            if (!term.test(item.get(term.attribute()))) {
                return false;
            }
        }
        return true;
    }

    // ---- Query ----

    /**
     * Matches the key condition to the schema with DynamoDB's checks, in its order, and answers the
     * partition values (in KeySchema order). For a single-attribute key: at most two terms, the partition
     * key must have a term, the only other term must be on the sort key, the values must have the key
     * types, and the partition key's term must be an equality. A multi-attribute key is checked by
     * {@link #partitionValuesOfMultiAttributeKey}.
     */
    private static List<AttributeValue> partitionValues(KeyCondition condition, PrimaryKeySchema schema) {
        if (schema.multiAttribute()) {
            return partitionValuesOfMultiAttributeKey(condition, schema);
        }
        int terms = condition.terms().size();
        if (terms > 2) {
            throw ApiError.validation("Conditions can be of length 1 or 2 only");
        }
        if (!schema.hasSortKey() && terms > 1) {
            throw ApiError.validation("Query key condition not supported");
        }
        KeyCondition.Term partitionTerm = condition.term(schema.partitionKey().name());
        if (partitionTerm == null) {
            throw missedKeyElement(schema.partitionKey());
        }
        KeyCondition.Term sortTerm = schema.hasSortKey() ? condition.term(schema.sortKey().name()) : null;
        if (terms > 1 && sortTerm == null) {
            throw missedKeyElement(schema.sortKey());
        }
        checkType(partitionTerm, schema.partitionKey());
        if (sortTerm != null) {
            checkType(sortTerm, schema.sortKey());
        }
        if (partitionTerm.operator() != KeyCondition.Operator.EQ) {
            throw ApiError.validation("Query key condition not supported");
        }
        PrimaryKeys.checkPartitionKeySize(partitionTerm.value());
        checkSortSizes(sortTerm == null ? List.of() : List.of(sortTerm));
        return List.of(partitionTerm.value());
    }

    /**
     * A multi-attribute key's condition (DynamoDB's rules for such a global index): every term on a key
     * attribute of the index, an equality on each partition attribute, and conditions on the sort
     * attributes from left to right: each sort attribute before the last one given a condition must have
     * an equality (no attribute skipped, a range condition only on the last one used).
     */
    private static List<AttributeValue> partitionValuesOfMultiAttributeKey(KeyCondition condition,
            PrimaryKeySchema schema) {
        for (KeyCondition.Term term : condition.terms()) {
            if (!schema.isKeyAttribute(term.attribute())) {
                throw ApiError.validation("Query key condition not supported: " + term.attribute()
                        + " is not a key attribute of the index");
            }
        }
        List<AttributeValue> values = new ArrayList<>(schema.partitionKeys().size());
        for (KeyAttribute attribute : schema.partitionKeys()) {
            KeyCondition.Term term = condition.term(attribute.name());
            if (term == null || term.operator() != KeyCondition.Operator.EQ) {
                throw ApiError.validation("Query key condition not supported: every HASH key attribute must have an"
                        + " equality condition; missing for " + attribute.name());
            }
            values.add(term.value());
        }
        List<KeyAttribute> sortKeys = schema.sortKeys();
        int last = -1;
        for (int i = 0; i < sortKeys.size(); i++) {
            if (condition.term(sortKeys.get(i).name()) != null) {
                last = i;
            }
        }
        for (int i = 0; i < last; i++) {
            KeyCondition.Term term = condition.term(sortKeys.get(i).name());
            if (term == null || term.operator() != KeyCondition.Operator.EQ) {
                throw ApiError.validation("Query key condition not supported: RANGE key attribute "
                        + sortKeys.get(i).name() + " must have an equality condition when a later RANGE key attribute"
                        + " has a condition");
            }
        }
        for (KeyAttribute attribute : schema.attributes()) {
            KeyCondition.Term term = condition.term(attribute.name());
            if (term != null) {
                checkType(term, attribute);
            }
        }
        values.forEach(PrimaryKeys::checkPartitionKeySize);
        checkSortSizes(sortTerms(condition, schema));
        return values;
    }

    /** The key condition's terms on the sort attributes, in KeySchema order (checked already). */
    private static List<KeyCondition.Term> sortTerms(KeyCondition condition, PrimaryKeySchema schema) {
        List<KeyCondition.Term> terms = new ArrayList<>(schema.sortKeys().size());
        for (KeyAttribute attribute : schema.sortKeys()) {
            KeyCondition.Term term = condition.term(attribute.name());
            if (term != null) {
                terms.add(term);
            }
        }
        return terms;
    }

    /** Each sort key value of a condition within DynamoDB's sort key size limit. */
    private static void checkSortSizes(List<KeyCondition.Term> sortTerms) {
        for (KeyCondition.Term sortTerm : sortTerms) {
            PrimaryKeys.checkSortKeySize(sortTerm.value());
            if (sortTerm.upperBound() != null) {
                PrimaryKeys.checkSortKeySize(sortTerm.upperBound());
            }
        }
    }

    private static ApiError missedKeyElement(KeyAttribute attribute) {
        return ApiError.validation("Query condition missed key schema element: " + attribute.name());
    }

    private static void checkType(KeyCondition.Term term, KeyAttribute attribute) {
        if (term.value().type() != attribute.type()
                || (term.upperBound() != null && term.upperBound().type() != attribute.type())) {
            throw ApiError.invalidParameter("Condition parameter type does not match schema type");
        }
        rejectEmpty(term.value(), attribute);
        if (term.upperBound() != null) {
            rejectEmpty(term.upperBound(), attribute);
        }
    }

    /** Key values are never empty, so a key condition comparing with an empty string or binary is refused. */
    private static void rejectEmpty(AttributeValue value, KeyAttribute attribute) {
        boolean emptyString = value instanceof AttributeValue.Str s && s.value().isEmpty();
        boolean emptyBinary = value instanceof AttributeValue.Bin b && b.value().length == 0;
        if (emptyString || emptyBinary) {
            throw ApiError.validation("One or more parameter values are not valid. The AttributeValue for a key"
                    + " attribute cannot contain an empty " + (emptyString ? "string" : "binary") + " value. Key: "
                    + attribute.name());
        }
    }

    /** A Query's filter may not read the key attributes (a Scan's may). */
    private static void refuseKeyAttributesInFilter(ReadRequest request, PrimaryKeySchema schema) {
        for (KeyAttribute key : schema.attributes()) {
            if (request.filterAttributes().contains(key.name())) {
                throw ApiError.validation(request.filterMember() + " can only contain non-primary key attributes:"
                        + " Primary key attribute: " + key.name());
            }
        }
    }

    /**
     * The keys of one partition that satisfy the sort-key terms (all of them without one). The terms
     * before the last are equalities (checked already), so their values' encodings extend the partition
     * prefix; the last one bounds the next component. A bound on a value covers every key that starts
     * with the value's encoding ({@link KeyRange#successor}): for a table that is the one key, for an
     * index every entry with that index sort key, whatever follows it (encodings are prefix-free, so no
     * other value's keys share that prefix).
     */
    static KeyRange sortRange(long storeId, List<AttributeValue> partition, List<KeyCondition.Term> terms) {
        ByteArrayOutputStream prefix = new ByteArrayOutputStream(64);
        prefix.writeBytes(KeyCodec.partitionPrefix(storeId, partition));
        for (int i = 0; i < terms.size() - 1; i++) {
            KeyCodec.writeComponent(prefix, terms.get(i).value());
        }
        byte[] base = prefix.toByteArray();
        if (terms.isEmpty()) {
            return KeyRange.prefix(base);
        }
        KeyCondition.Term term = terms.get(terms.size() - 1);
        byte[] end = KeyRange.successor(base);
        byte[] at = concat(base, component(term.value()));
        return switch (term.operator()) {
            case EQ -> KeyRange.prefix(at);
            case LT -> new KeyRange(base, at);
            case LE -> new KeyRange(base, KeyRange.successor(at));
            case GT -> new KeyRange(KeyRange.successor(at), end);
            case GE -> new KeyRange(at, end);
            case BETWEEN -> new KeyRange(at, KeyRange.successor(concat(base, component(term.upperBound()))));
            case BEGINS_WITH -> KeyRange.prefix(concat(base, unterminated(term.value())));
        };
    }

    private static byte[] component(AttributeValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        KeyCodec.writeComponent(out, value);
        return out.toByteArray();
    }

    /**
     * A string's or binary's encoding without its terminator: a byte prefix of the encoding of every
     * value that begins with it (see {@link OrderedBytes}: the body of a value is its bytes with each
     * zero escaped, so the body of a prefix is a prefix of the body).
     */
    private static byte[] unterminated(AttributeValue value) {
        byte[] raw = value instanceof AttributeValue.Str s ? s.value().getBytes(StandardCharsets.UTF_8)
                : ((AttributeValue.Bin) value).value();
        byte[] encoded = OrderedBytes.encodeBytes(raw);
        return Arrays.copyOf(encoded, encoded.length - 2);
    }

    // ---- Scan ----

    private static ReadPlan scan(ReadRequest request, ReadTarget target, long storeId) {
        byte[] table = KeyCodec.tablePrefix(storeId);
        KeyRange range = request.segment() == null ? KeyRange.prefix(table)
                : segmentRange(table, request.segment(), request.totalSegments());
        if (request.exclusiveStartKey() != null) {
            byte[] key = startKey(target, request.exclusiveStartKey()).storageKey();
            if (request.segment() != null && !range.contains(key)) {
                throw ApiError.validation("Exclusive start key must lie within the segment");
            }
            range = resume(range, key, true);
        }
        return new ReadPlan(request, target, List.of(), range);
    }

    /** The storage keys of a parallel-scan segment: a contiguous slice of the partition hashes. */
    static KeyRange segmentRange(byte[] tablePrefix, int segment, int totalSegments) {
        int low = (int) ((long) segment * HASHES / totalSegments);
        int high = (int) ((long) (segment + 1) * HASHES / totalSegments);
        byte[] to = high == HASHES ? KeyRange.successor(tablePrefix) : withHash(tablePrefix, high);
        return new KeyRange(withHash(tablePrefix, low), to);
    }

    private static byte[] withHash(byte[] tablePrefix, int hash) {
        byte[] key = Arrays.copyOf(tablePrefix, tablePrefix.length + KeyCodec.HASH_BYTES);
        key[tablePrefix.length] = (byte) (hash >>> 8);
        key[tablePrefix.length + 1] = (byte) hash;
        return key;
    }

    // ---- both ----

    /**
     * ExclusiveStartKey, resolved: its partition key, its sort key in the target's key (the index sort
     * key for an index) and the storage key to resume from.
     */
    private record StartKey(List<AttributeValue> partition, Map<String, AttributeValue> key, byte[] storageKey) {
    }

    /**
     * ExclusiveStartKey as a key of what is read: exactly the table's key attributes and the index's, each
     * of its type.
     */
    private static StartKey startKey(ReadTarget target, Map<String, AttributeValue> startKey) {
        PrimaryKeySchema tableKey = target.table().keySchema();
        try {
            if (!target.isIndex()) {
                PrimaryKeys.Key key = PrimaryKeys.ofKey(tableKey, startKey);
                return new StartKey(List.of(key.partition()), startKey, target.storageKey(startKey));
            }
            for (KeyAttribute attribute : target.keyAttributes()) {
                AttributeValue value = startKey.get(attribute.name());
                if (value == null || value.type() != attribute.type()) {
                    throw ApiError.validation("The provided key element does not match the schema");
                }
            }
            if (startKey.size() != target.startKeyAttributes().size()) {
                throw ApiError.validation("The provided key element does not match the schema");
            }
            Map<String, AttributeValue> tableOnly = new java.util.LinkedHashMap<>();
            tableOnly.put(tableKey.partitionKey().name(), startKey.get(tableKey.partitionKey().name()));
            if (tableKey.hasSortKey()) {
                tableOnly.put(tableKey.sortKey().name(), startKey.get(tableKey.sortKey().name()));
            }
            PrimaryKeys.ofKey(tableKey, tableOnly); // the table key's own rules
            List<AttributeValue> partition = new ArrayList<>();
            target.keySchema().partitionKeys().forEach(attribute -> partition.add(startKey.get(attribute.name())));
            return new StartKey(partition, startKey, target.storageKey(startKey));
        } catch (ApiError e) {
            throw ApiError.validation("The provided starting key is invalid: " + e.getMessage());
        }
    }

    private static KeyRange resume(KeyRange range, byte[] startKey, boolean forward) {
        return forward ? range.resumingAfter(startKey) : range.resumingBefore(startKey);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /**
     * The 16-bit hash of the partition a Query reads (its range lies within one partition key's), or -1 for
     * a Scan, which spans every partition.
     */
    public int partitionHash() {
        byte[] from = range().from();
        if (request().kind() != ReadRequest.Kind.QUERY || from.length < io.dynamis.core.key.KeyCodec.STORE_ID_BYTES + 2) {
            return -1;
        }
        return io.dynamis.core.key.KeyCodec.hashOf(from);
    }
}
