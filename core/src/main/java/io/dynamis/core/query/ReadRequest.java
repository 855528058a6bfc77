package io.dynamis.core.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.ConsumedCapacity;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.expression.Condition;
import io.dynamis.core.expression.ConditionAttributes;
import io.dynamis.core.expression.ItemExpressions;
import io.dynamis.core.expression.KeyCondition;
import io.dynamis.core.expression.Projection;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.RequestReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Query or Scan request, read and validated as far as it can be without the table: every check
 * here answers DynamoDB's ValidationException before any storage is touched (query-service runs it
 * before forwarding). Binding it to the key schema is {@link ReadPlan}'s.
 *
 * @param kind              Query or Scan
 * @param tableName         the table read
 * @param select            what to return of each item (defaulted: SPECIFIC_ATTRIBUTES with a
 *                          projection, ALL_ATTRIBUTES without)
 * @param limit             most items to evaluate, null for no limit
 * @param exclusiveStartKey the key to resume after, null to start at the beginning
 * @param forward           ScanIndexForward (always true for a Scan)
 * @param consistentRead    ConsistentRead
 * @param segment           the parallel-scan segment, null when the scan is not parallel
 * @param totalSegments     the number of parallel-scan segments, null when the scan is not parallel
 * @param keyCondition      a Query's key condition (shape checked only), null for a Scan
 * @param filter            the filter, null when none
 * @param filterMember      how DynamoDB names the filter in its messages ("Filter Expression" or
 *                          "QueryFilter"/"ScanFilter"), null when none
 * @param filterAttributes  the top-level attributes the filter reads
 * @param projection        the projection, null for whole items
 * @param capacityMode      ReturnConsumedCapacity (NONE when absent)
 * @param indexName         IndexName: the secondary index to read instead of the table, null for the table
 *                          (resolved against the table by {@link ReadTarget})
 */
public record ReadRequest(
        Kind kind,
        String tableName,
        Select select,
        Integer limit,
        Map<String, AttributeValue> exclusiveStartKey,
        boolean forward,
        boolean consistentRead,
        Integer segment,
        Integer totalSegments,
        KeyCondition keyCondition,
        Condition filter,
        String filterMember,
        Set<String> filterAttributes,
        Projection projection,
        String capacityMode,
        String indexName) {

    /** The two operations that read ranges. */
    public enum Kind { QUERY, SCAN }

    /** DynamoDB's bounds on the parallel-scan parameters. */
    static final int MAX_TOTAL_SEGMENTS = 1_000_000;

    /** Reads a Query request; throws DynamoDB's ValidationException for anything wrong with it. */
    public static ReadRequest query(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        Common common = Common.read(request, Kind.QUERY);
        request.validate();
        Select select = select(request, common.select(), common.indexName());
        Map<String, AttributeValue> startKey = startKey(request);
        ItemExpressions.QueryExpressions expressions = ItemExpressions.query(request);
        Boolean forward = request.bool("ScanIndexForward");
        return new ReadRequest(Kind.QUERY, common.tableName(), select, common.limit(), startKey,
                forward == null || forward, common.consistentRead(), null, null, expressions.keyCondition(),
                expressions.filter(), filterMember(request, expressions.filter(), "QueryFilter"),
                attributes(expressions.filter()), expressions.projection(), common.capacityMode(), common.indexName());
    }

    /** Reads a Scan request; throws DynamoDB's ValidationException for anything wrong with it. */
    public static ReadRequest scan(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        Common common = Common.read(request, Kind.SCAN);
        Long segment = request.integer("Segment");
        Long totalSegments = request.integer("TotalSegments");
        if (segment != null && segment < 0) {
            request.violation(constraint(segment, "segment", "greater than or equal to 0"));
        }
        if (segment != null && segment > MAX_TOTAL_SEGMENTS - 1) {
            request.violation(constraint(segment, "segment", "less than or equal to " + (MAX_TOTAL_SEGMENTS - 1)));
        }
        if (totalSegments != null && totalSegments < 1) {
            request.violation(constraint(totalSegments, "totalSegments", "greater than or equal to 1"));
        }
        if (totalSegments != null && totalSegments > MAX_TOTAL_SEGMENTS) {
            request.violation(constraint(totalSegments, "totalSegments", "less than or equal to " + MAX_TOTAL_SEGMENTS));
        }
        request.validate();
        if (segment != null && totalSegments == null) {
            throw ApiError.validation("The TotalSegments parameter is required but was not present in the request"
                    + " when Segment parameter is present");
        }
        if (totalSegments != null && segment == null) {
            throw ApiError.validation("The Segment parameter is required but was not present in the request"
                    + " when parameter TotalSegments is present");
        }
        if (segment != null && segment >= totalSegments) {
            throw ApiError.validation("The Segment parameter is zero-based and must be less than parameter"
                    + " TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + totalSegments);
        }
        Select select = select(request, common.select(), common.indexName());
        Map<String, AttributeValue> startKey = startKey(request);
        ItemExpressions.ScanExpressions expressions = ItemExpressions.scan(request);
        return new ReadRequest(Kind.SCAN, common.tableName(), select, common.limit(), startKey, true,
                common.consistentRead(), segment == null ? null : segment.intValue(),
                totalSegments == null ? null : totalSegments.intValue(), null, expressions.filter(),
                filterMember(request, expressions.filter(), "ScanFilter"), attributes(expressions.filter()),
                expressions.projection(), common.capacityMode(), common.indexName());
    }

    /** True when the response carries items (anything but Select COUNT). */
    public boolean returnsItems() {
        return select != Select.COUNT;
    }

    /** The members Query and Scan share, read in one go so their violations are reported together. */
    private record Common(String tableName, Integer limit, String select, String capacityMode,
            boolean consistentRead, String indexName) {

        /**
         * Query's Limit below 1 is reported as DynamoDB's current validation framework words it (member
         * {@code Limit}, no value echoed); Scan's still as {@code Value '0' at 'limit'}.
         */
        static Common read(RequestReader request, Kind kind) {
            String tableName = request.tableName();
            Long limit = request.integer("Limit");
            if (limit != null && limit < 1) {
                request.violation(kind == Kind.QUERY
                        ? "Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal to 1"
                        : constraint(limit, "limit", "greater than or equal to 1"));
            }
            String indexName = request.string("IndexName");
            if (indexName != null) {
                List<String> violations = new ArrayList<>();
                RequestReader.checkTableName(indexName, "indexName", violations);
                violations.forEach(request::violation);
            }
            String select = request.enumValue("Select", "select", Select.WIRE_ORDER);
            String capacityMode = ConsumedCapacity.mode(request);
            boolean consistentRead = Boolean.TRUE.equals(request.bool("ConsistentRead"));
            Integer limitValue = limit == null ? null : (int) Math.min(limit, Integer.MAX_VALUE);
            return new Common(tableName, limitValue, select, capacityMode, consistentRead, indexName);
        }
    }

    private static String constraint(long value, String path, String rule) {
        return "Value '" + value + "' at '" + path + "' failed to satisfy constraint: Member must have value " + rule;
    }

    /**
     * Select, checked against the projection parameters present, with DynamoDB's messages. Without
     * Select or a projection, a table read returns ALL_ATTRIBUTES and an index read
     * ALL_PROJECTED_ATTRIBUTES, as in DynamoDB.
     */
    private static Select select(RequestReader request, String select, String indexName) {
        String projectionMember = request.has("ProjectionExpression") ? "ProjectionExpression"
                : request.has("AttributesToGet") ? "AttributesToGet" : null;
        if (select == null) {
            return projectionMember != null ? Select.SPECIFIC_ATTRIBUTES
                    : indexName != null ? Select.ALL_PROJECTED_ATTRIBUTES : Select.ALL_ATTRIBUTES;
        }
        Select value = Select.valueOf(select);
        switch (value) {
            case ALL_PROJECTED_ATTRIBUTES -> {
                if (indexName == null) {
                    throw ApiError.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an"
                            + " IndexName");
                }
                if (projectionMember != null) {
                    throw ApiError.validation("Cannot specify the " + projectionMember
                            + " when choosing to get ALL_PROJECTED_ATTRIBUTES");
                }
            }
            case SPECIFIC_ATTRIBUTES -> {
                if (projectionMember == null) {
                    throw ApiError.validation("Must specify the AttributesToGet or ProjectionExpression when choosing"
                            + " to get SPECIFIC_ATTRIBUTES");
                }
            }
            case ALL_ATTRIBUTES -> {
                if (projectionMember != null) {
                    throw ApiError.validation("Cannot specify the " + projectionMember
                            + " when choosing to get ALL_ATTRIBUTES");
                }
            }
            case COUNT -> {
                if (projectionMember != null) {
                    throw ApiError.validation("Cannot specify the " + projectionMember
                            + " when choosing to get only the Count");
                }
            }
            default -> throw new IllegalStateException(select);
        }
        return value;
    }

    /** ExclusiveStartKey's values; a malformed one is "The provided starting key is invalid: ...". */
    private static Map<String, AttributeValue> startKey(RequestReader request) {
        try {
            return request.attributeMap("ExclusiveStartKey");
        } catch (ApiError e) {
            if (e.code() != ErrorCode.VALIDATION) {
                throw e;
            }
            throw ApiError.validation("The provided starting key is invalid: " + e.getMessage());
        }
    }

    private static String filterMember(RequestReader request, Condition filter, String legacyMember) {
        if (filter == null) {
            return null;
        }
        return request.has("FilterExpression") ? "Filter Expression" : legacyMember;
    }

    private static Set<String> attributes(Condition filter) {
        return filter == null ? Set.of() : ConditionAttributes.of(filter);
    }
}
