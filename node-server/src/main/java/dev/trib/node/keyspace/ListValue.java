package dev.trib.node.keyspace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A list as a growable ring buffer: O(1) push and pop at both ends and O(1) access by index,
 * which LINDEX, LSET and LRANGE need and ArrayDeque does not offer.
 */
public final class ListValue implements RedisValue {
    private byte[][] items = new byte[8][];
    private int head;
    private int size;

    @Override
    public ValueType type() {
        return ValueType.LIST;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public byte[] get(int index) {
        return items[slot(index)];
    }

    public void set(int index, byte[] value) {
        items[slot(index)] = value;
    }

    public void addFirst(byte[] value) {
        grow();
        head = (head - 1) & (items.length - 1);
        items[head] = value;
        size++;
    }

    public void addLast(byte[] value) {
        grow();
        items[slot(size)] = value;
        size++;
    }

    public byte[] removeFirst() {
        byte[] value = items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        return value;
    }

    public byte[] removeLast() {
        int last = slot(size - 1);
        byte[] value = items[last];
        items[last] = null;
        size--;
        return value;
    }

    /** Inserts so that the new element ends up at {@code index}. */
    public void insert(int index, byte[] value) {
        List<byte[]> all = toList();
        all.add(index, value);
        replaceWith(all);
    }

    /** Keeps only the elements in the inclusive range [from, to]; an empty range empties the list. */
    public void retainRange(int from, int to) {
        if (from > to) {
            replaceWith(List.of());
            return;
        }
        replaceWith(new ArrayList<>(toList().subList(from, to + 1)));
    }

    /** Rebuilds the list from the given elements in order. */
    public void replaceWith(List<byte[]> elements) {
        int capacity = 8;
        while (capacity < elements.size() + 1) {
            capacity <<= 1;
        }
        items = new byte[capacity][];
        for (int i = 0; i < elements.size(); i++) {
            items[i] = elements.get(i);
        }
        head = 0;
        size = elements.size();
    }

    public List<byte[]> toList() {
        List<byte[]> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(get(i));
        }
        return out;
    }

    private int slot(int index) {
        return (head + index) & (items.length - 1);
    }

    private void grow() {
        if (size < items.length) {
            return;
        }
        byte[][] fresh = new byte[items.length * 2][];
        for (int i = 0; i < size; i++) {
            fresh[i] = get(i);
        }
        items = fresh;
        head = 0;
    }

    @Override
    public String toString() {
        return "ListValue" + Arrays.deepToString(toList().toArray());
    }
}
