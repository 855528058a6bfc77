package io.dynamis.gateway.auth;

import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * What verify mode costs a request in the gateway's event loop: {@link SigV4Verifier#verify} of a GetItem and
 * a PutItem (bench/auth-benchmark.sh's bodies) that the AWS SDK's signer signed with the headers an SDK client
 * sends, read from a Vert.x header map as the gateway reads them ({@link Security.RequestHeaders}) with the
 * body where it lies. Compiled and run only in the {@code jmh} profile (api-gateway/pom.xml):
 * <pre>
 * bench/jmh.sh SigV4VerifyBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class SigV4VerifyBenchmark {

    private static final String KEY = "AKIABENCHROOT0000001";
    private static final String SECRET = "bench-root-secret";
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final String GET = "{\"TableName\":\"bench_auth\",\"Key\":{\"pk\":{\"S\":\"k1\"}}}";
    private static final String PUT = "{\"TableName\":\"bench_auth\",\"Item\":{\"pk\":{\"S\":\"k2\"},\"payload\":{\"S\":\""
            + "x".repeat(150) + "\"}}}";

    private final SigV4Verifier verifier = new SigV4Verifier("us-east-1", new SigningKeyCache());
    private final Map<String, AccessKey> keys = Map.of(KEY, AccessKey.longTerm(KEY, SECRET, "root"));
    private SigV4Request getItem;
    private SigV4Request putItem;

    @Setup
    public void sign() {
        getItem = received("GetItem", GET);
        putItem = received("PutItem", PUT);
        // exactness first: a benchmark of a refusal would measure the error path
        verifyGetItem();
        verifyPutItem();
    }

    /** The request as the gateway holds it: its headers in Vert.x's map, its body in a buffer. */
    private static SigV4Request received(String operation, String body) {
        byte[] bytes = SignedRequests.bytes(body);
        SdkHttpFullRequest unsigned = SignedRequests.unsigned(operation).toBuilder()
                .putHeader("amz-sdk-invocation-id", "6f3c0a55-8a1f-4c1e-9d0c-2a4f4b1d7e21")
                .putHeader("amz-sdk-request", "attempt=1; max=4")
                .putHeader("Content-Length", Integer.toString(bytes.length))
                .build();
        SdkHttpRequest signed = SignedRequests.sign(unsigned, bytes, KEY, SECRET, null, "us-east-1", NOW);
        // the names as Netty's HTTP decoder gives them to Vert.x's map: AsciiStrings (the values are Strings)
        MultiMap headers = HeadersMultiMap.httpHeaders();
        headers.add(new AsciiString("User-Agent"), "aws-sdk-java/2.31.0 md/io#sync md/http#Apache ua/2.1 os/Linux lang/java#17");
        headers.add(new AsciiString("Accept-Encoding"), "identity");
        for (Map.Entry<String, List<String>> header : SignedRequests.headers(signed).entrySet()) {
            for (String value : header.getValue()) {
                headers.add(new AsciiString(header.getKey()), value);
            }
        }
        return new SigV4Request("POST", "/", null, new Security.RequestHeaders(headers, () -> null), ByteBuffer.wrap(bytes));
    }

    /**
     * The same two verifications timed by the thread's CPU time instead of the wall clock (JMH's ns/op says
     * nothing on a shared machine where the thread waits for a core): after a warm-up, rounds of each
     * operation, printing every round's CPU ns per verification and the median.
     * {@code bench/jmh.sh --cpu [rounds]}.
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        SigV4VerifyBenchmark benchmark = new SigV4VerifyBenchmark();
        benchmark.sign();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int count = 200_000;
        for (int i = 0; i < 10 * count; i++) {
            benchmark.verifyGetItem();
            benchmark.verifyPutItem();
        }
        for (String operation : new String[] {"GetItem", "PutItem"}) {
            long[] perOp = new long[rounds];
            for (int round = 0; round < rounds; round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < count; i++) {
                    if (operation.equals("GetItem")) {
                        benchmark.verifyGetItem();
                    } else {
                        benchmark.verifyPutItem();
                    }
                }
                perOp[round] = (threads.getCurrentThreadCpuTime() - start) / count;
            }
            String each = java.util.Arrays.toString(perOp);
            java.util.Arrays.sort(perOp);
            System.out.println("verify" + operation + " CPU ns/op: median " + perOp[rounds / 2] + " " + each);
        }
    }

    @Benchmark
    public AccessKey verifyGetItem() {
        return verifier.verify(getItem, NOW, keys::get);
    }

    @Benchmark
    public AccessKey verifyPutItem() {
        return verifier.verify(putItem, NOW, keys::get);
    }
}
