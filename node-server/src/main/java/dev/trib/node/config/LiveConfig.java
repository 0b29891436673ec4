package dev.trib.node.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The current value of every parameter. Read and changed only on the node's event loop (CONFIG
 * SET runs there; the cluster cron reads cluster-node-timeout there), so it needs no locking.
 */
public final class LiveConfig {
    private final ConfigParameters parameters;
    private final Map<String, String> values = new LinkedHashMap<>();

    public LiveConfig(ConfigParameters parameters, Map<String, String> startup) {
        this.parameters = parameters;
        for (ConfigParameter p : parameters.all()) {
            values.put(p.name(), p.defaultValue());
        }
        startup.forEach((name, value) -> values.put(parameters.lookup(name).name(), value));
    }

    public ConfigParameters parameters() {
        return parameters;
    }

    public String get(String name) {
        ConfigParameter p = parameters.lookup(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown parameter " + name);
        }
        return values.get(p.name());
    }

    public long getLong(String name) {
        return Long.parseLong(get(name));
    }

    public boolean getBool(String name) {
        return "yes".equals(get(name));
    }

    /** Sets a validated value; the caller has checked mutability. */
    public void set(ConfigParameter parameter, String normalised) {
        values.put(parameter.name(), normalised);
        version++;
    }

    // misc21: per-command readers (slow log, latency monitor) re-read a value only after a change.
    private int version;

    /** A reader of a numeric parameter that parses it again only after some parameter changed. */
    public java.util.function.LongSupplier longReader(String name) {
        java.util.function.Supplier<Long> reader = reader(name, Long::parseLong);
        return reader::get;
    }

    /** A reader of a parameter that interprets it again only after some parameter changed (hot paths). */
    public <T> java.util.function.Supplier<T> reader(String name, java.util.function.Function<String, T> interpret) {
        Object[] cached = new Object[1];
        int[] seen = {-1};
        return () -> {
            if (seen[0] != version) {
                cached[0] = interpret.apply(get(name));
                seen[0] = version;
            }
            @SuppressWarnings("unchecked")
            T value = (T) cached[0];
            return value;
        };
    }

    /** Validates and sets in one step (used at startup and by tests). */
    public void set(String name, String value) throws ConfigValueException {
        ConfigParameter p = parameters.lookup(name);
        set(p, p.kind().normalise(List.of(value)));
    }

    /** Values that differ from the defaults, canonical names, table order (CONFIG REWRITE). */
    public Map<String, String> nonDefaults() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConfigParameter p : parameters.all()) {
            String v = values.get(p.name());
            if (!v.equals(p.defaultValue())) {
                out.put(p.name(), v);
            }
        }
        return out;
    }
}
