package dev.trib.node.keyspace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import dev.trib.node.text.IntegerText;

/**
 * A set. While every member is a canonical integer and there are at most
 * {@value #MAX_INTSET_ENTRIES} of them it is a sorted {@code long[]}, like Redis's intset: members
 * then come out in numeric order and SSCAN returns them whole. Otherwise it is a {@link ScanTable};
 * the conversion is one-way, as in Redis.
 */
public final class SetValue implements RedisValue {
    public static final int MAX_INTSET_ENTRIES = 512;
    private static final Boolean PRESENT = Boolean.TRUE;

    private long[] ints = new long[4];
    private int intCount;
    private ScanTable<Boolean> table;

    /** An empty set in the encoding Redis would pick for a first member like this one. */
    public static SetValue forFirstMember(byte[] member) {
        SetValue set = new SetValue();
        if (IntegerText.parse(member) == null) {
            set.convert();
        }
        return set;
    }

    @Override
    public ValueType type() {
        return ValueType.SET;
    }

    public boolean isIntset() {
        return table == null;
    }

    public int size() {
        return table == null ? intCount : table.size();
    }

    public boolean contains(byte[] member) {
        if (table == null) {
            Long v = IntegerText.parse(member);
            return v != null && Arrays.binarySearch(ints, 0, intCount, v) >= 0;
        }
        return table.containsKey(Key.of(member));
    }

    /** @return true when the member is new */
    public boolean add(byte[] member) {
        if (table == null) {
            Long v = IntegerText.parse(member);
            if (v != null) {
                int pos = Arrays.binarySearch(ints, 0, intCount, v);
                if (pos >= 0) {
                    return false;
                }
                insertInt(-pos - 1, v);
                if (intCount > MAX_INTSET_ENTRIES) {
                    convert();
                }
                return true;
            }
            convert();
        }
        return table.put(Key.of(member), PRESENT) == null;
    }

    /** @return true when the member was present */
    public boolean remove(byte[] member) {
        if (table == null) {
            Long v = IntegerText.parse(member);
            if (v == null) {
                return false;
            }
            int pos = Arrays.binarySearch(ints, 0, intCount, v);
            if (pos < 0) {
                return false;
            }
            System.arraycopy(ints, pos + 1, ints, pos, intCount - pos - 1);
            intCount--;
            return true;
        }
        return table.remove(Key.of(member)) != null;
    }

    /** Members in reply order: ascending while an intset, bucket order afterwards. */
    public void forEach(Consumer<byte[]> action) {
        if (table == null) {
            for (int i = 0; i < intCount; i++) {
                action.accept(IntegerText.format(ints[i]));
            }
        } else {
            table.forEach((k, v) -> action.accept(k.bytes()));
        }
    }

    public List<byte[]> members() {
        List<byte[]> out = new ArrayList<>(size());
        forEach(out::add);
        return out;
    }

    /** A random member, or null when empty. */
    public byte[] random(Random random) {
        if (table == null) {
            return intCount == 0 ? null : IntegerText.format(ints[random.nextInt(intCount)]);
        }
        Key k = table.randomKey(random);
        return k == null ? null : k.bytes();
    }

    /** One SCAN step over the table form; only valid when not an intset. */
    public long scan(long cursor, Consumer<byte[]> action) {
        return table.scan(cursor, (k, v) -> action.accept(k.bytes()));
    }

    private void insertInt(int pos, long v) {
        if (intCount == ints.length) {
            ints = Arrays.copyOf(ints, ints.length * 2);
        }
        System.arraycopy(ints, pos, ints, pos + 1, intCount - pos);
        ints[pos] = v;
        intCount++;
    }

    private void convert() {
        ScanTable<Boolean> fresh = new ScanTable<>();
        for (int i = 0; i < intCount; i++) {
            fresh.put(Key.of(Long.toString(ints[i]).getBytes(StandardCharsets.US_ASCII)), PRESENT);
        }
        table = fresh;
        ints = null;
        intCount = 0;
    }
}
