package io.dynamis.core.shard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.PooledServiceClient;
import io.dynamis.core.protocol.ServiceAnswer;
import io.dynamis.core.roles.LocalChannel;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.ServiceChannel;
import io.dynamis.core.roles.ServiceChannels;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import jakarta.enterprise.event.Observes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The only way any service reaches item-service: it owns the {@link SlotMap} and a channel to each shard
 * (a method call to the shard this process plays, else {@link PooledServiceClient}, the one HTTP client),
 * and sends each operation where its items are:
 * <ul>
 *   <li>single-item operations, Query and local-index Query: the shard of the partition key;</li>
 *   <li>Scan and parallel Scan: every shard holding part of the segment, in hash order, merged into
 *   DynamoDB pages ({@link ShardedReads});</li>
 *   <li>BatchGetItem and BatchWriteItem: split by shard and merged, the part of a shard that cannot be
 *   reached answered as UnprocessedKeys / UnprocessedItems ({@link ShardedItems});</li>
 *   <li>TransactWriteItems and TransactGetItems: to their shard when every item is on one; across shards
 *   a two-phase commit this router coordinates ({@link ShardedTransactions});</li>
 *   <li>DescribeTable: shard 0's description with the item counts and sizes of every shard;</li>
 *   <li>everything else (the table catalog, ListTables, principals, restores' control calls): shard 0,
 *   the catalog authority, which applies catalog changes on every other shard before it answers.</li>
 * </ul>
 * With one shard (the local default) every call goes to shard 0 as it is: no parsing, no copy.
 *
 * <p>Settings: {@code dynamis.item.shards} (the count the cluster was created with, default 1) and
 * {@code dynamis.item.shard-urls} (one URL per shard, in shard order; required with more than one). With
 * one shard and no list, the URL is the service's own {@code item-service-url} setting, as before.
 */
@ApplicationScoped
public class ShardRouter {

    /**
     * item-service's internal Query and Scan, which the router answers by asking the shards:
     * {@code {"Operation": "Query" | "Scan", "Request": <the DynamoDB request>}}, and {@link #RAW_ITEMS}.
     */
    public static final String READ_ITEMS = "DynamisReadItems";

    /**
     * A {@link #READ_ITEMS} member: true when the page is written straight to the client, so whole items may
     * come as their stored JSON bytes (core's {@code RawJson}), which serialize but cannot be read as trees.
     */
    public static final String RAW_ITEMS = "RawItems";

    private final SlotMap slots;
    private final List<ServiceChannel> shards;
    private final List<PooledServiceClient> remote;
    private final RoutingTables tables;
    private final ShardedItems items;
    private final ShardedReads reads;

    @jakarta.inject.Inject
    public ShardRouter(ServiceChannels channels, Vertx vertx,
            @ConfigProperty(name = "dynamis.item.shards", defaultValue = "1") int shardCount,
            @ConfigProperty(name = "dynamis.item.shard", defaultValue = "0") int ownShard,
            @ConfigProperty(name = "dynamis.item.shard-urls") Optional<List<String>> shardUrls,
            @ConfigProperty(name = "dynamis.item.router.connections", defaultValue = "64") int connections,
            @ConfigProperty(name = "dynamis.item.router.timeout-millis", defaultValue = "60000") long timeoutMillis) {
        List<String> urls = urls(shardCount, shardUrls);
        if (shardCount > 1 && channels.isLocal(Role.ITEM) && channels.roles().hosted().size() > 1) {
            throw new IllegalStateException("dynamis.item.shards=" + shardCount + ", but this process plays item-service"
                    + " with other roles: one process runs one item-service shard. Run more shards in the services"
                    + " topology (./dynamis start --services --shards " + shardCount + ").");
        }
        this.slots = SlotMap.contiguous(shardCount);
        List<ServiceChannel> made = new ArrayList<>();
        List<PooledServiceClient> clients = new ArrayList<>();
        for (int shard = 0; shard < shardCount; shard++) {
            String name = shardCount == 1 ? "item-service" : "item-service shard " + shard;
            PooledServiceClient client = new PooledServiceClient(vertx, name, urls.get(shard), connections, timeoutMillis);
            clients.add(client);
            LocalChannel local = shard == ownShard ? channels.local(Role.ITEM) : null;
            made.add(local != null ? local : client);
        }
        this.shards = List.copyOf(made);
        this.remote = List.copyOf(clients);
        this.tables = new RoutingTables(shards.get(0));
        this.items = new ShardedItems(this);
        this.reads = new ShardedReads(this);
    }

    /** A router over given channels, one per shard (unit tests; no HTTP path). */
    ShardRouter(SlotMap slots, List<ServiceChannel> shards) {
        this.slots = slots;
        this.shards = List.copyOf(shards);
        this.remote = List.of();
        this.tables = new RoutingTables(this.shards.get(0));
        this.items = new ShardedItems(this);
        this.reads = new ShardedReads(this);
    }

    /** The shard URLs: the list, or for one shard the caller's own item-service URL. */
    private static List<String> urls(int shardCount, Optional<List<String>> shardUrls) {
        if (shardCount < 1 || shardCount > SlotMap.SLOTS) {
            throw new IllegalStateException("dynamis.item.shards must be between 1 and " + SlotMap.SLOTS + ", not " + shardCount);
        }
        if (shardUrls.isPresent() && !shardUrls.get().isEmpty()) {
            if (shardUrls.get().size() != shardCount) {
                throw new IllegalStateException("dynamis.item.shard-urls lists " + shardUrls.get().size()
                        + " URLs, but dynamis.item.shards is " + shardCount + ": list one URL per shard, in shard order");
            }
            return List.copyOf(shardUrls.get());
        }
        if (shardCount > 1) {
            throw new IllegalStateException("dynamis.item.shards is " + shardCount
                    + ": set dynamis.item.shard-urls (DYNAMIS_ITEM_SHARD_URLS) to one URL per shard, in shard order");
        }
        var config = ConfigProvider.getConfig();
        for (String service : new String[] {"gateway", "query", "cache", "backup"}) {
            Optional<String> url = config.getOptionalValue("dynamis." + service + ".item-service-url", String.class);
            if (url.isPresent()) {
                return List.of(url.get());
            }
        }
        return List.of("http://127.0.0.1:8201");
    }

    /** Made when the first role starts, so a setting that cannot work stops the process at once. */
    void onStart(@Observes RoleStart event) {
        slots.shards();
    }

    /** The slot map: which shard holds which partition hash. */
    public SlotMap slots() {
        return slots;
    }

    /** The number of shards. */
    public int shardCount() {
        return shards.size();
    }

    /** The channel to one shard (for what is asked of each shard: its log position, its durable sequence). */
    public ServiceChannel shard(int shard) {
        return shards.get(shard);
    }

    /** True when item-service's operations are method calls in this process (one process, or item-service itself). */
    public boolean isLocal(int shard) {
        return shards.get(shard) instanceof LocalChannel;
    }

    /**
     * The channel to item-service as a whole: each call goes where its items are (see the class comment).
     * Every service's client of item-service calls through it.
     */
    public ServiceChannel items() {
        return items;
    }

    /** Every shard's answer to the same operation, in shard order. */
    public List<CompletionStage<ObjectNode>> each(String operation, ObjectNode request) {
        List<CompletionStage<ObjectNode>> answers = new ArrayList<>(shards.size());
        for (int shard = 0; shard < shards.size(); shard++) {
            answers.add(shards.get(shard).call(operation, shard == shards.size() - 1 ? request : request.deepCopy()));
        }
        return answers;
    }

    /**
     * The gateway's path: a DynamoDB request as it came, sent to its shard with its body unparsed when one
     * shard answers it (a method call on the parsed request when the shard is in this process), else
     * executed through {@link #items()} and its merged answer encoded. {@code parsed} is the request when
     * the caller has parsed it already, else null.
     */
    public Future<ServiceAnswer> forward(String operation, String target, String requestId, Buffer body, ObjectNode parsed) {
        if (shards.size() == 1) {
            return forwardTo(0, operation, target, requestId, body, parsed);
        }
        if (!ShardedItems.isKeyed(operation) && !ShardedItems.isSplit(operation)) {
            return forwardTo(0, operation, target, requestId, body, parsed);
        }
        ObjectNode request;
        try {
            request = parsed != null ? parsed : Json.parseRequest(body.getBytes());
        } catch (ApiError e) {
            return Future.succeededFuture(ServiceAnswer.of(e));
        }
        if (ShardedItems.isKeyed(operation)) {
            return Future.fromCompletionStage(items.shardOfKeyed(operation, request))
                    .compose(shard -> forwardTo(shard, operation, target, requestId, body, request)
                            .onSuccess(answer -> items.answered(request, answer.status())));
        }
        return ServiceAnswer.of(items.call(operation, request));
    }

    private Future<ServiceAnswer> forwardTo(int shard, String operation, String target, String requestId, Buffer body,
            ObjectNode parsed) {
        ServiceChannel channel = shards.get(shard);
        if (channel instanceof LocalChannel local) {
            ObjectNode request;
            try {
                request = parsed != null ? parsed : Json.parseRequest(body.getBytes());
            } catch (ApiError e) {
                return Future.succeededFuture(ServiceAnswer.of(e));
            }
            return ServiceAnswer.of(local.call(operation, request));
        }
        return remote.get(shard).forward(target, requestId, body);
    }

    RoutingTables tables() {
        return tables;
    }

    ShardedReads reads() {
        return reads;
    }
}
