package dev.trib.node.keyspace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys clients WATCH. A change to one (a write, its expiry, a flush) makes each watcher's next EXEC fail, as
 * Redis's CLIENT_DIRTY_CAS. A key that was already expired when watched counts as unchanged when it is then
 * removed, as in Redis 7.0 (its deletion is no logical change).
 */
public final class Watches {
    private final Keyspace keyspace;
    private final Map<Key, List<Watcher>> byKey = new HashMap<>();

    Watches(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    /** A new, empty set of watched keys for one client. */
    public Watcher watcher() {
        return new Watcher();
    }

    /** Whether any client watches a key (most of the time none does, and writes need not say what they changed). */
    public boolean any() {
        return !byKey.isEmpty();
    }

    /** Someone changed the key (or removed it): its watchers' transactions will fail. */
    public void touched(Key key) {
        if (byKey.containsKey(key)) {
            touch(key, keyspace.rawEntry(key) != null);
        }
    }

    /** Before a flush: every watched key that exists is about to go. */
    void flushing() {
        for (Key key : new ArrayList<>(byKey.keySet())) {
            if (keyspace.rawEntry(key) != null) {
                touch(key, false);
            }
        }
    }

    private void touch(Key key, boolean presentAfter) {
        List<Watcher> watchers = byKey.get(key);
        if (watchers == null) {
            return;
        }
        for (Watcher w : List.copyOf(watchers)) {
            if (w.keys.get(key) == Boolean.TRUE && !presentAfter) {
                w.keys.put(key, Boolean.FALSE); // already expired when watched, now gone: no change
            } else {
                w.dirty = true;
                w.unwatchAll(); // nothing can make it clean again before EXEC
            }
        }
    }

    public int watchedKeys() {
        return byKey.size();
    }

    /** One client's watched keys, each with whether it was already expired when watched. */
    public final class Watcher {
        private final Map<Key, Boolean> keys = new LinkedHashMap<>();
        private boolean dirty;

        public void watch(Key key) {
            if (dirty || keys.containsKey(key)) {
                return;
            }
            KeyEntry e = keyspace.rawEntry(key);
            keys.put(key, e != null && keyspace.isExpired(e));
            byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(this);
        }

        /**
         * Whether EXEC must fail: a watched key changed, or has expired since it was watched (even if nothing has
         * removed it yet).
         */
        public boolean changed() {
            if (dirty) {
                return true;
            }
            for (Map.Entry<Key, Boolean> k : keys.entrySet()) {
                KeyEntry e = keyspace.rawEntry(k.getKey());
                if (!k.getValue() && e != null && keyspace.isExpired(e)) {
                    return true;
                }
            }
            return false;
        }

        /** UNWATCH, and what EXEC, DISCARD and a closed connection do: no key watched, not dirty. */
        public void reset() {
            unwatchAll();
            dirty = false;
        }

        private void unwatchAll() {
            for (Key key : keys.keySet()) {
                List<Watcher> watchers = byKey.get(key);
                if (watchers != null) {
                    watchers.remove(this);
                    if (watchers.isEmpty()) {
                        byKey.remove(key);
                    }
                }
            }
            keys.clear();
        }
    }
}
