package io.dynamis.cache.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Continues a Hazelcast read without Hazelcast's own continuation threads: a read the near cache
 * answered is already complete and continues at once on the calling thread; any other continues on
 * the given executor. (Hazelcast runs a plain {@code thenApply} on its default executor, which on a
 * machine of two cores starts a thread per continuation.)
 */
final class ClusterReads {

    private ClusterReads() {
    }

    static <V, R> CompletableFuture<R> then(CompletionStage<V> read, Function<V, R> next, Executor executor) {
        CompletableFuture<V> future = read.toCompletableFuture();
        if (future.isDone() && !future.isCompletedExceptionally()) {
            return CompletableFuture.completedFuture(next.apply(future.join()));
        }
        CompletableFuture<R> result = new CompletableFuture<>();
        future.whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            try {
                result.complete(next.apply(value));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, executor);
        return result;
    }
}
