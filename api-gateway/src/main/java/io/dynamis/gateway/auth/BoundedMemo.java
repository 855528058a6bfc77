package io.dynamis.gateway.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers of a pure function kept by their argument, so that what every request of a client repeats (a
 * derived signing key, a credential's scope, a list of signed headers) is worked out once. Bounded: past
 * its size it starts over (every answer can be worked out again in microseconds), so that requests with
 * ever-new arguments cannot grow it.
 */
final class BoundedMemo<K, V> {

    private final int maxEntries;
    private final Function<K, V> function;
    private final ConcurrentHashMap<K, V> answers = new ConcurrentHashMap<>();

    BoundedMemo(int maxEntries, Function<K, V> function) {
        this.maxEntries = maxEntries;
        this.function = function;
    }

    V get(K argument) {
        V answer = answers.get(argument);
        if (answer == null) {
            if (answers.size() >= maxEntries) {
                answers.clear();
            }
            answer = function.apply(argument);
            answers.put(argument, answer);
        }
        return answer;
    }

    int size() {
        return answers.size();
    }
}
