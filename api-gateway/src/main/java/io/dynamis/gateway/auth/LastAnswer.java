package io.dynamis.gateway.auth;

import java.util.function.Function;

/**
 * The answer a thread got last from a pure function of a text (an X-Amz-Date's instant, a credential's scope,
 * a SignedHeaders list's names), kept for its next request: a client sends the same text on every request (a
 * date once a second), mostly as the same String instance ({@link AuthorizationHeader} answers the last
 * header's parts again), so comparing it with the last costs less than parsing it again or hashing it to look
 * it up in a shared memo. One thread's ({@link VerificationScratch}); it keeps what it does not compute (the
 * verifier's memos still do). A function that throws leaves the last answer as it was.
 */
final class LastAnswer<V> {

    private String text;
    private V answer;

    /** {@code function.apply(text)}, or the last answer when the text is the last one's. */
    V of(String text, Function<String, V> function) {
        if (text.equals(this.text)) {
            return answer;
        }
        V computed = function.apply(text);
        this.text = text;
        this.answer = computed;
        return computed;
    }
}
