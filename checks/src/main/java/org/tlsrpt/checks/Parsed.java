package org.tlsrpt.checks;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of parsing something a domain publishes: the value, or why there is none. Bad input is expected
 * here, so it is a value, never an exception.
 */
public record Parsed<T>(T value, String problem) {

    public Parsed {
        if ((value == null) == (problem == null)) {
            throw new IllegalArgumentException("exactly one of value and problem");
        }
    }

    public static <T> Parsed<T> of(T value) {
        return new Parsed<>(Objects.requireNonNull(value), null);
    }

    public static <T> Parsed<T> problem(String problem) {
        return new Parsed<>(null, Objects.requireNonNull(problem));
    }

    public boolean valid() {
        return value != null;
    }

    public <U> Parsed<U> map(Function<T, U> mapping) {
        return valid() ? of(mapping.apply(value)) : problem(problem);
    }
}
