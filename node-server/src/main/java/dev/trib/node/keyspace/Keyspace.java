package dev.trib.node.keyspace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The database: keys to values, TTLs, and the per-slot index.
 *
 * <p>Not thread-safe by design: every call happens on the single event loop that owns it, which
 * is what makes Redis commands atomic without locks. Expired keys are removed lazily when a
 * command touches them and actively by {@link #activeExpireCycle}, which samples the keys that
 * have a TTL.
 */
public final class Keyspace {
    /** Keys examined per sampling round of the active expiry cycle (Redis: 20). */
    static final int EXPIRE_SAMPLE = 20;
    /** Keep sampling while more than this percentage of a round was expired (Redis: 10). */
    static final int EXPIRE_STALE_PERCENT = 10;

    private final Clock clock;
    private final EntryTable keys = new EntryTable();
    private final ScanTable<KeyEntry> expires = new ScanTable<>();
    /** Null outside cluster mode, as redis-server keeps no slot-to-keys map there. */
    private final SlotIndex slots;
    private long expireCursor;
    private boolean expiring = true;
    private Consumer<Key> onExpired = k -> { };
    private java.util.function.BiConsumer<Key, ValueType> onAdded = (k, t) -> { };
    private java.util.function.BiConsumer<Key, ValueType> onRemoved = (k, t) -> { };
    private final Watches watches = new Watches(this);
    private final AccessClock access;

    /** A cluster node's keyspace: its keys are also grouped by hash slot (COUNTKEYSINSLOT, GETKEYSINSLOT, migration). */
    public Keyspace(Clock clock) {
        this(clock, true);
    }

    /**
     * Without the slot index ({@code bySlot} false) a standalone server does not pay for it: linking each new key
     * into its slot's list wrote a reference into an older entry, a card the next young collection must scan
     * (12% of INCR with a million new keys, measured).
     */
    public Keyspace(Clock clock, boolean bySlot) {
        this.clock = clock;
        this.access = new AccessClock(clock);
        this.slots = bySlot ? new SlotIndex() : null;
    }

    /** The keys' access clocks (OBJECT IDLETIME/FREQ), and where their policy comes from. */
    public AccessClock accessClock() {
        return access;
    }

    public long now() {
        return clock.nowMillis();
    }

    public int size() {
        return keys.size();
    }

    /** Number of keys with a TTL. */
    public int volatileSize() {
        return expires.size();
    }

    /** The live entry for a key, deleting it first if its TTL has passed; the access counts (LRU/LFU). */
    public KeyEntry lookup(Key key) {
        KeyEntry e = peek(key);
        if (e != null) {
            e.access = access.accessed(e.access);
        }
        return e;
    }

    /**
     * The live entry for a key, deleting it first if its TTL has passed, without counting an access: Redis's
     * LOOKUP_NOTOUCH (EXISTS, TYPE, TTL, OBJECT).
     */
    public KeyEntry peek(Key key) {
        KeyEntry e = keys.get(key);
        if (e != null && expiring && isExpired(e)) {
            removeEntry(e);
            Key k = e.key();
            onExpired.accept(k);
            watches.touched(k);
            return null;
        }
        return e;
    }

    /**
     * Whether this keyspace removes keys whose TTL has passed. A replica does not: its master
     * sends a DEL when the key expires there, and the master's later commands must find the key
     * as the master saw it.
     */
    public void expiring(boolean value) {
        expiring = value;
    }

    public boolean expiring() {
        return expiring;
    }

    /** Adds what happens to each key removed because its TTL passed (the master propagates a DEL; tracking). */
    public void onExpired(Consumer<Key> action) {
        onExpired = onExpired.andThen(action);
    }

    /**
     * Called with each key a value is stored under where there was none: clients blocked on it may now be served
     * (Redis's dbAdd signals the key as ready).
     */
    public void onAdded(java.util.function.BiConsumer<Key, ValueType> action) {
        onAdded = action;
    }

    /**
     * Called with each value removed or replaced (deleted, expired, overwritten, flushed): clients blocked on a
     * stream's consumer group are told when their stream goes, as Redis's dbGenericDelete signals the key.
     */
    public void onRemoved(java.util.function.BiConsumer<Key, ValueType> action) {
        onRemoved = action;
    }

    /** A write made the key's value able to serve blocked clients without creating it (XADD to a stream). */
    public void signalReady(Key key) {
        KeyEntry e = keys.get(key);
        if (e != null) {
            onAdded.accept(key, e.type());
        }
    }

    /** A live key chosen at random (expired picks are removed first), or null when there is none. */
    public Key randomKey(java.util.Random random) {
        while (true) {
            KeyEntry e = keys.random(random);
            if (e == null) {
                return null;
            }
            Key k = e.key();
            if (peek(k) != null) {
                return k;
            }
        }
    }

    /** The keys clients WATCH (MULTI/EXEC's optimistic locking). */
    public Watches watches() {
        return watches;
    }

    /** The entry as stored, expired or not, without removing it. */
    KeyEntry rawEntry(Key key) {
        return keys.get(key);
    }

    public RedisValue get(Key key) {
        KeyEntry e = lookup(key);
        return e == null ? null : e.value();
    }

    /**
     * The value if it has the expected type, null when the key is missing.
     *
     * @throws WrongTypeException when the key holds another type
     */
    public <T extends RedisValue> T get(Key key, Class<T> type) {
        RedisValue v = get(key);
        if (v == null) {
            return null;
        }
        if (!type.isInstance(v)) {
            throw new WrongTypeException();
        }
        return type.cast(v);
    }

    /** Whether the key is live; not an access (EXISTS does not touch the key). */
    public boolean exists(Key key) {
        return peek(key) != null;
    }

    /** Stores a value for a key known to be absent (or expired). */
    public void add(Key key, RedisValue value) {
        insert(key, new KeyEntry(key, value));
    }

    private void insert(Key key, KeyEntry e) {
        KeyEntry stale = keys.get(key);
        if (stale != null) {
            removeEntry(stale);
        }
        e.access = access.created();
        keys.add(e);
        if (slots != null) {
            slots.add(e);
        }
        onAdded.accept(key, e.type());
    }

    /** Like SET: stores the value and drops any TTL. */
    public void set(Key key, RedisValue value) {
        KeyEntry e = lookup(key);
        if (e == null) {
            add(key, value);
            return;
        }
        replace(e, key, value);
        clearExpire(e);
    }

    /** Replaces the value of an existing key keeping its TTL (INCR, INCRBYFLOAT); adds it otherwise. */
    public void overwrite(Key key, RedisValue value) {
        KeyEntry e = lookup(key);
        if (e == null) {
            add(key, value);
        } else {
            replace(e, key, value);
        }
    }

    /**
     * Like {@link #overwrite} with an integer string (INCR and its kin), kept as a {@link Counter}: a key that
     * already holds one is changed in place.
     */
    public void overwriteInteger(Key key, long value) {
        KeyEntry e = lookup(key);
        if (e == null) {
            insert(key, new KeyEntry(key, value));
        } else {
            onRemoved.accept(key, e.type());
            e.storeInteger(value);
            e.access = access.replaced(e.access);
        }
    }

    /** @return true when a live key was deleted */
    public boolean delete(Key key) {
        KeyEntry e = lookup(key);
        if (e == null) {
            return false;
        }
        removeEntry(e);
        return true;
    }

    /** Absolute expiry in ms, or {@link KeyEntry#NO_EXPIRE}. The key must exist. */
    public long expireAt(Key key) {
        KeyEntry e = keys.get(key);
        return e == null ? KeyEntry.NO_EXPIRE : e.expireAt;
    }

    /** Sets an absolute expiry on an existing key. */
    public void setExpireAt(Key key, long whenMillis) {
        KeyEntry e = keys.get(key);
        if (e == null) {
            throw new IllegalStateException("no such key");
        }
        e.expireAt = whenMillis;
        expires.put(key, e);
    }

    /** @return true when the key existed and had a TTL that was removed */
    public boolean persist(Key key) {
        KeyEntry e = lookup(key);
        if (e == null || e.expireAt == KeyEntry.NO_EXPIRE) {
            return false;
        }
        clearExpire(e);
        return true;
    }

    /** RESTORE's IDLETIME (seconds) or FREQ for a key just stored; whichever the current policy does not use is ignored. */
    public void restoreAccess(Key key, long idleSeconds, long freq) {
        KeyEntry e = keys.get(key);
        int field = access.restored(idleSeconds, freq);
        if (e != null && field >= 0) {
            e.access = field;
        }
    }

    /** Whether the entry's TTL has passed (it may not have been removed yet). */
    public boolean isExpired(KeyEntry e) {
        return e.expireAt != KeyEntry.NO_EXPIRE && e.expireAt <= clock.nowMillis();
    }

    public void flush() {
        watches.flushing();
        keys.forEach(e -> onRemoved.accept(e.key(), e.type()));
        keys.clear();
        expires.clear();
        if (slots != null) {
            slots.clear();
        }
        expireCursor = 0;
    }

    /** Every entry, expired or not; the action must not modify the keyspace. */
    public void forEachEntry(Consumer<KeyEntry> action) {
        keys.forEach(action);
    }

    /** One SCAN step (one bucket); the action must not modify the keyspace. */
    public long scan(long cursor, Consumer<KeyEntry> action) {
        return keys.scan(cursor, action);
    }

    /** Moves buckets of a key-table resize in progress for up to this long (the cron's share, as Redis's 1 ms). */
    public void rehashFor(long nanos) {
        keys.rehashFor(nanos);
    }

    public int countKeysInSlot(int slot) {
        return bySlot().count(slot);
    }

    public List<Key> keysInSlot(int slot, int max) {
        return bySlot().keys(slot, max);
    }

    private SlotIndex bySlot() {
        if (slots == null) {
            throw new IllegalStateException("keys are grouped by slot in cluster mode only");
        }
        return slots;
    }

    /**
     * Removes expired keys by sampling the keys that have a TTL, round after round, while a round
     * finds more than 10% of its sample expired and the time budget lasts.
     *
     * @return number of keys removed
     */
    public int activeExpireCycle(long budgetNanos) {
        long deadline = System.nanoTime() + budgetNanos;
        int removed = 0;
        while (expiring && !expires.isEmpty()) {
            List<KeyEntry> sample = new ArrayList<>(EXPIRE_SAMPLE);
            // Walk buckets until the sample is full or the cursor wraps around.
            do {
                expireCursor = expires.scan(expireCursor, (k, e) -> sample.add(e));
            } while (expireCursor != 0 && sample.size() < EXPIRE_SAMPLE);
            int expired = 0;
            for (KeyEntry e : sample) {
                Key k = e.key();
                if (isExpired(e) && keys.get(k) == e) {
                    removeEntry(e);
                    onExpired.accept(k);
                    watches.touched(k);
                    expired++;
                }
            }
            removed += expired;
            boolean stale = sample.size() > 0 && expired * 100 > sample.size() * EXPIRE_STALE_PERCENT;
            if (!stale || System.nanoTime() >= deadline) {
                break;
            }
        }
        return removed;
    }

    private void clearExpire(KeyEntry e) {
        if (e.expireAt != KeyEntry.NO_EXPIRE) {
            e.expireAt = KeyEntry.NO_EXPIRE;
            expires.remove(e.key());
        }
    }

    private void replace(KeyEntry e, Key key, RedisValue value) {
        onRemoved.accept(key, e.type());
        e.store(value);
        e.access = access.replaced(e.access);
    }

    private void removeEntry(KeyEntry e) {
        Key k = e.key();
        onRemoved.accept(k, e.type());
        keys.remove(e);
        if (e.expireAt != KeyEntry.NO_EXPIRE) {
            expires.remove(k);
        }
        if (slots != null) {
            slots.remove(e);
        }
    }

    // Function libraries (FUNCTION LOAD): their code is kept beside the keys so that RDB snapshots, AOF bases and
    // full syncs carry it, as redis-server's; FLUSHALL leaves it.
    private volatile List<byte[]> functionCodes = List.of();
    private Consumer<List<byte[]>> onFunctionsLoaded = codes -> { };

    /** The code of every function library, for a snapshot. */
    public List<byte[]> functionCodes() {
        return functionCodes;
    }

    /** Told by the function libraries whenever they change. */
    public void functionCodes(List<byte[]> codes) {
        functionCodes = List.copyOf(codes);
    }

    /** Who turns the libraries of a loaded snapshot back into functions. */
    public void onFunctionsLoaded(Consumer<List<byte[]>> action) {
        onFunctionsLoaded = action;
    }

    /** A snapshot was loaded: its libraries replace the current ones. */
    public void functionsLoaded(List<byte[]> codes) {
        functionCodes(codes);
        onFunctionsLoaded.accept(functionCodes);
    }
}
