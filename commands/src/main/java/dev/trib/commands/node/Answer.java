package dev.trib.commands.node;

import java.util.Optional;
import java.util.function.Function;

/**
 * A node's answer to one protocol step: what the step means ({@link Ok}), or the node's refusal as a
 * {@link NodeError}. A refusal is a value so a batch of steps keeps going and the caller decides per step.
 */
public sealed interface Answer<T> {

    record Ok<T>(T value) implements Answer<T> {
    }

    record Refused<T>(NodeError reason) implements Answer<T> {
    }

    static <T> Answer<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Answer<T> refused(NodeError error) {
        return new Refused<>(error);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    default Optional<NodeError> error() {
        return this instanceof Refused<T> r ? Optional.of(r.reason()) : Optional.empty();
    }

    /** The value, or {@code other} when the node refused. */
    default T orElse(T other) {
        return this instanceof Ok<T> ok ? ok.value() : other;
    }

    /** The value, or the exception made from the node's refusal. */
    default T orElseThrow(Function<NodeError, ? extends RuntimeException> failure) {
        if (this instanceof Refused<T> r) {
            throw failure.apply(r.reason());
        }
        return ((Ok<T>) this).value();
    }
}
