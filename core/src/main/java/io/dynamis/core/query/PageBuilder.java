package io.dynamis.core.query;

import io.dynamis.core.json.StoredItemDecoder;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.ConsumedCapacity;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.json.RawJson;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.PrimaryKeySchema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds one page of a Query or Scan from the items of its range, offered in read order, with
 * DynamoDB's rules:
 * <ul>
 *   <li>every item offered is evaluated: it counts in ScannedCount and its size in the data read;</li>
 *   <li>the filter decides Count and which items are returned (projected, unless Select is COUNT);</li>
 *   <li>the page ends once Limit items have been evaluated, or once the data read exceeds 1 MB; it then
 *   carries LastEvaluatedKey, the key of the last item evaluated, even when no item follows (DynamoDB
 *   does not look ahead either);</li>
 *   <li>consumed capacity is the total size read, in 4 KB units, halved for an eventually consistent
 *   read.</li>
 * </ul>
 */
public final class PageBuilder {

    /** The data one page may read: DynamoDB's 1 MB. */
    public static final long MAX_PAGE_BYTES = 1024 * 1024;

    private final ReadRequest request;
    private final ReadTarget target;
    private final java.util.List<String> keyAttributes;
    private final ArrayNode items = JsonNodeFactory.instance.arrayNode();
    private int scanned;
    private int count;
    private long bytesRead;
    private double fetchUnits;
    private Map<String, AttributeValue> lastEvaluated;
    /** The last item evaluated as stored ({@link #offerStored}), decoded only if it ends the page. */
    private byte[] lastStored;
    private int lastStoredOffset;
    private boolean rawItems;
    private boolean stopped;

    /** A page of a read of {@code target}: its LastEvaluatedKey holds {@link ReadTarget#startKeyAttributes}. */
    public PageBuilder(ReadRequest request, ReadTarget target) {
        this.request = request;
        this.target = target;
        this.keyAttributes = target.startKeyAttributes();
    }

    /**
     * Continues a page other shards began: {@code bytes} were read for it already, so the 1 MB rule and
     * the capacity count them (a Scan over several item-service shards, see core's {@code ShardedReads}).
     */
    public PageBuilder continuing(long bytes) {
        this.bytesRead = bytes;
        return this;
    }

    /**
     * Puts whole items offered as stored ({@link #offerStored}) into the page as their stored bytes
     * ({@link RawJson}), not as trees: for a page written straight to the client, which nobody reads.
     */
    public PageBuilder rawItems(boolean raw) {
        this.rawItems = raw;
        return this;
    }

    /**
     * Whether an item may be offered as stored ({@link #offerStored}) instead of decoded: the request
     * neither filters nor projects, so the page returns whole items, or only counts them.
     */
    public boolean takesStoredItems() {
        return request.filter() == null && request.projection() == null;
    }

    /**
     * {@link #offer(Map, long)} for a whole item as stored, when {@link #takesStoredItems}: its DynamoDB
     * JSON is {@code stored} from {@code offset} on. The item goes into the page as those bytes (raw, see
     * {@link #rawItems}, or read as a tree) and is decoded only if it ends the page, for LastEvaluatedKey.
     */
    public boolean offerStored(byte[] stored, int offset, long size) {
        evaluate(size);
        lastEvaluated = null;
        lastStored = stored;
        lastStoredOffset = offset;
        count++;
        if (request.returnsItems()) {
            items.add(rawItems ? RawJson.node(stored, offset) : Json.readTree(stored, offset));
        }
        return wantsMore();
    }

    /**
     * Evaluates the next item of the range (whole, as stored) and its size; returns true while the page
     * wants more items, false once it is complete.
     */
    public boolean offer(Map<String, AttributeValue> item, long size) {
        return offer(item, size, -1);
    }

    /**
     * As {@link #offer(Map, long)}, for an index entry ({@code size}) whose item was also read from the
     * table ({@code fetchedSize}, -1 when it was not): that read is charged as its own item read, as
     * DynamoDB charges it.
     */
    public boolean offer(Map<String, AttributeValue> item, long size, long fetchedSize) {
        if (fetchedSize >= 0) {
            fetchUnits += ConsumedCapacity.readUnits(fetchedSize, request.consistentRead());
        }
        evaluate(size);
        lastEvaluated = item;
        lastStored = null;
        if (request.filter() == null || request.filter().test(item)) {
            count++;
            if (request.returnsItems()) {
                Map<String, AttributeValue> returned = request.projection() == null ? item
                        : request.projection().apply(item);
                items.add(AttributeValueCodec.encodeItem(returned));
            }
        }
        return wantsMore();
    }

    /** Counts one more item evaluated, of {@code size} bytes. */
    private void evaluate(long size) {
        if (stopped) {
            throw new IllegalStateException("the page is complete");
        }
        scanned++;
        bytesRead += size;
    }

    /** Ends the page once Limit items have been evaluated or more than 1 MB read; true while it goes on. */
    private boolean wantsMore() {
        stopped = (request.limit() != null && scanned >= request.limit()) || bytesRead > MAX_PAGE_BYTES;
        return !stopped;
    }

    /** True once Limit or the size limit has ended the page. */
    public boolean isComplete() {
        return stopped;
    }

    /** The data read so far, in bytes (the sum of the DynamoDB sizes of the items evaluated). */
    public long bytesRead() {
        return bytesRead;
    }

    /** The capacity the page consumed (its ConsumedCapacity's CapacityUnits): the data read, plus any table fetches. */
    public double consumedUnits() {
        return ConsumedCapacity.readUnits(bytesRead, request.consistentRead()) + fetchUnits;
    }

    /** The response: Items (unless Select is COUNT), Count, ScannedCount, LastEvaluatedKey, ConsumedCapacity. */
    public ObjectNode response() {
        ObjectNode response = Json.object();
        if (request.returnsItems()) {
            response.set("Items", items);
        }
        response.put("Count", count);
        response.put("ScannedCount", scanned);
        if (stopped) {
            Map<String, AttributeValue> last = lastStored == null ? lastEvaluated
                    : StoredItemDecoder.decode(lastStored, lastStoredOffset);
            response.set("LastEvaluatedKey", AttributeValueCodec.encodeItem(keyOf(last)));
        }
        double units = ConsumedCapacity.readUnits(bytesRead, request.consistentRead());
        if (!target.isIndex()) {
            ConsumedCapacity.report(response, request.capacityMode(), request.tableName(), units);
        } else {
            ConsumedCapacity.reportIndexRead(response, request.capacityMode(), request.tableName(),
                    target.index().name(), target.isGlobalIndex(), fetchUnits, units);
        }
        return response;
    }

    private Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String attribute : keyAttributes) {
            key.put(attribute, item.get(attribute));
        }
        return key;
    }
}
