package dev.trib.cli;

import java.util.Map;
import java.util.Optional;

/** The process environment, injectable so tests can set REDISCLI_AUTH, NO_COLOR and friends. */
public interface Environment {
    Optional<String> get(String name);

    static Environment system() {
        return name -> Optional.ofNullable(System.getenv(name));
    }

    static Environment of(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    default boolean isSet(String name) {
        return get(name).filter(v -> !v.isEmpty()).isPresent();
    }
}
