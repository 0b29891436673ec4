package dev.trib.node.command.scripting;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A table laid out as Lua 5.1's ltable.c lays it out (an array part, a hash part of 2^n nodes with Brent's
 * collision chains and a falling free pointer, the same hashes for strings, numbers and booleans, the same rehash
 * sizes), so that next, pairs, cjson.encode and cmsgpack.pack list keys in redis-server's order and # finds the same
 * border. Keys that are tables or functions hash by identity, as Lua's do by address: their order cannot match.
 * The script's tables are made here (the hook swaps each table constructor's result for one, the libraries create
 * theirs); LuaTable's own storage stays empty.
 */
final class Lua51Table extends LuaTable {
    private static final int MAXBITS = 26;
    private static final int MAXASIZE = 1 << MAXBITS;

    private LuaValue[] array = new LuaValue[0];
    private int sizeArray;
    private LuaValue[] keys;
    private LuaValue[] values;
    private int[] nexts;
    private int logSize;
    private boolean dummy;
    private int lastFree;

    /** luaH_new: room for {@code narray} array items and {@code nhash} keys. */
    Lua51Table(int narray, int nhash) {
        super(0, 0);
        setArraySize(narray);
        setNodes(nhash);
    }

    /** luaO_fb2int: the size a table constructor's "floating point byte" stands for. */
    static int fb2int(int x) {
        int e = (x >> 3) & 31;
        return e == 0 ? x : ((x & 7) + 8) << (e - 1);
    }

    // ---- layout

    private void setArraySize(int size) {
        LuaValue[] a = java.util.Arrays.copyOf(array, size);
        for (int i = array.length; i < size; i++) {
            a[i] = NIL;
        }
        array = a;
        sizeArray = size;
    }

    private void setNodes(int size) {
        if (size == 0) {
            dummy = true;
            logSize = 0;
            keys = new LuaValue[1];
            values = new LuaValue[] {NIL};
            nexts = new int[] {-1};
            lastFree = 0;
            return;
        }
        int lsize = ceilLog2(size);
        size = 1 << lsize;
        dummy = false;
        logSize = lsize;
        keys = new LuaValue[size];
        values = new LuaValue[size];
        nexts = new int[size];
        java.util.Arrays.fill(values, NIL);
        java.util.Arrays.fill(nexts, -1);
        lastFree = size;
    }

    private int nodeCount() {
        return 1 << logSize;
    }

    private static int ceilLog2(int x) {
        return x <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(x - 1);
    }

    /** The integer a key stands for, or -1. */
    private static int arrayIndex(LuaValue key) {
        if (key.type() != TNUMBER) {
            return -1;
        }
        double d = key.todouble();
        int k = (int) d;
        return k == d ? k : -1;
    }

    private int mainPosition(LuaValue key) {
        int size = nodeCount();
        switch (key.type()) {
            case TNUMBER: {
                double d = key.todouble();
                if (d == 0) {
                    return 0;
                }
                long bits = Double.doubleToRawLongBits(d);
                int sum = (int) bits + (int) (bits >>> 32);
                return Integer.remainderUnsigned(sum, (size - 1) | 1);
            }
            case TSTRING:
                return stringHash((LuaString) key) & (size - 1);
            case TBOOLEAN:
                return (key.toboolean() ? 1 : 0) & (size - 1);
            default:
                return Integer.remainderUnsigned(System.identityHashCode(key), (size - 1) | 1);
        }
    }

    /** luaS_newlstr's hash: seeded with the length, every step-th byte from the end. */
    static int stringHash(LuaString s) {
        int l = s.m_length;
        int h = l;
        int step = (l >> 5) + 1;
        for (int l1 = l; l1 >= step; l1 -= step) {
            h = h ^ ((h << 5) + (h >>> 2) + (s.m_bytes[s.m_offset + l1 - 1] & 0xff));
        }
        return h;
    }

    private static boolean sameKey(LuaValue a, LuaValue b) {
        if (a.type() == TNUMBER && b.type() == TNUMBER) {
            return a.todouble() == b.todouble();
        }
        return a.raweq(b);
    }

    /** The node holding this key, or -1. */
    private int findNode(LuaValue key) {
        if (dummy) {
            return -1;
        }
        for (int n = mainPosition(key); n >= 0; n = nexts[n]) {
            if (keys[n] != null && sameKey(keys[n], key)) {
                return n;
            }
        }
        return -1;
    }

    private LuaValue get51(LuaValue key) {
        if (key.isnil()) {
            return NIL;
        }
        int k = arrayIndex(key);
        if (k >= 1 && k <= sizeArray) {
            return array[k - 1];
        }
        int n = findNode(key);
        return n < 0 ? NIL : values[n];
    }

    /** luaH_set and the store: the key gets a slot (a new node, after a rehash if none is free), then the value. */
    private void set51(LuaValue key, LuaValue value) {
        if (key.isnil()) {
            throw new LuaError("table index is nil");
        }
        if (key.type() == TNUMBER && Double.isNaN(key.todouble())) {
            throw new LuaError("table index is NaN");
        }
        while (true) {
            int k = arrayIndex(key);
            if (k >= 1 && k <= sizeArray) {
                array[k - 1] = value;
                return;
            }
            int n = findNode(key);
            if (n < 0) {
                n = newKey(key);
            }
            if (n >= 0) {
                values[n] = value;
                return;
            }
            rehash(key);
        }
    }

    /** newkey: the node for a new key, or -1 when the table must grow first. */
    private int newKey(LuaValue key) {
        int mp = mainPosition(key);
        if (dummy || !values[mp].isnil()) {
            int free = freePosition();
            if (free < 0) {
                return -1;
            }
            int other = mainPosition(keys[mp]);
            if (other != mp) {
                // The colliding node is out of its main position: it moves to the free node.
                while (nexts[other] != mp) {
                    other = nexts[other];
                }
                nexts[other] = free;
                keys[free] = keys[mp];
                values[free] = values[mp];
                nexts[free] = nexts[mp];
                nexts[mp] = -1;
                values[mp] = NIL;
            } else {
                nexts[free] = nexts[mp];
                nexts[mp] = free;
                mp = free;
            }
        }
        keys[mp] = key;
        return mp;
    }

    private int freePosition() {
        while (lastFree > 0) {
            lastFree--;
            if (keys[lastFree] == null) {
                return lastFree;
            }
        }
        return -1;
    }

    private void rehash(LuaValue extra) {
        int[] nums = new int[MAXBITS + 1];
        int arrayUse = countArray(nums);
        int total = arrayUse;
        int[] narray = {arrayUse};
        total += countHash(nums, narray);
        narray[0] += countInt(extra, nums);
        total++;
        int na = computeSizes(nums, narray);
        resize(narray[0], total - na);
    }

    private int countArray(int[] nums) {
        int used = 0;
        int i = 1;
        for (int lg = 0, ttlg = 1; lg <= MAXBITS; lg++, ttlg *= 2) {
            int lc = 0;
            int lim = ttlg;
            if (lim > sizeArray) {
                lim = sizeArray;
                if (i > lim) {
                    break;
                }
            }
            for (; i <= lim; i++) {
                if (!array[i - 1].isnil()) {
                    lc++;
                }
            }
            nums[lg] += lc;
            used += lc;
        }
        return used;
    }

    private int countHash(int[] nums, int[] narray) {
        int total = 0;
        int arrayKeys = 0;
        if (!dummy) {
            for (int i = nodeCount() - 1; i >= 0; i--) {
                if (!values[i].isnil()) {
                    arrayKeys += countInt(keys[i], nums);
                    total++;
                }
            }
        }
        narray[0] += arrayKeys;
        return total;
    }

    private static int countInt(LuaValue key, int[] nums) {
        int k = arrayIndex(key);
        if (k > 0 && k <= MAXASIZE) {
            nums[ceilLog2(k)]++;
            return 1;
        }
        return 0;
    }

    private static int computeSizes(int[] nums, int[] narray) {
        int a = 0;
        int na = 0;
        int n = 0;
        for (int i = 0, twotoi = 1; twotoi / 2 < narray[0]; i++, twotoi *= 2) {
            if (nums[i] > 0) {
                a += nums[i];
                if (a > twotoi / 2) {
                    n = twotoi;
                    na = a;
                }
            }
        }
        narray[0] = n;
        return na;
    }

    private void resize(int nasize, int nhsize) {
        int oldSize = sizeArray;
        LuaValue[] oldArray = array;
        LuaValue[] oldKeys = keys;
        LuaValue[] oldValues = values;
        boolean oldDummy = dummy;
        int oldNodes = nodeCount();
        if (nasize > oldSize) {
            setArraySize(nasize);
        }
        setNodes(nhsize);
        if (nasize < oldSize) {
            sizeArray = nasize;
            for (int i = nasize; i < oldSize; i++) {
                if (!oldArray[i].isnil()) {
                    set51(LuaInteger.valueOf(i + 1), oldArray[i]);
                }
            }
            array = java.util.Arrays.copyOf(oldArray, nasize);
        }
        if (!oldDummy) {
            for (int i = oldNodes - 1; i >= 0; i--) {
                if (!oldValues[i].isnil()) {
                    set51(oldKeys[i], oldValues[i]);
                }
            }
        }
    }

    /** luaH_resizearray, for a constructor's list (SETLIST sizes the array part to its last index first). */
    int arraySize() {
        return sizeArray;
    }

    void resizeArray(int nasize) {
        resize(nasize, dummy ? 0 : nodeCount());
    }

    /** luaH_getn: a border, found as Lua 5.1 searches for it. */
    private int border() {
        int j = sizeArray;
        if (j > 0 && array[j - 1].isnil()) {
            int i = 0;
            while (j - i > 1) {
                int m = (i + j) >>> 1;
                if (array[m - 1].isnil()) {
                    j = m;
                } else {
                    i = m;
                }
            }
            return i;
        }
        if (dummy) {
            return j;
        }
        long i = j;
        long k = (long) j + 1;
        while (!get51(LuaValue.valueOf((double) k)).isnil()) {
            i = k;
            k *= 2;
            if (k > Integer.MAX_VALUE) {
                int n = 1;
                while (!get51(LuaValue.valueOf(n)).isnil()) {
                    n++;
                }
                return n - 1;
            }
        }
        while (k - i > 1) {
            long m = (i + k) / 2;
            if (get51(LuaValue.valueOf((double) m)).isnil()) {
                k = m;
            } else {
                i = m;
            }
        }
        return (int) i;
    }

    /** luaH_next: the array part in order, then the nodes in order. */
    private Varargs next51(LuaValue key) {
        int i = -1;
        if (!key.isnil()) {
            int k = arrayIndex(key);
            if (k >= 1 && k <= sizeArray) {
                i = k - 1;
            } else {
                int n = findNode(key);
                if (n < 0) {
                    throw new LuaEngine.ValueError(LuaValue.valueOf("invalid key to 'next'"));
                }
                i = n + sizeArray;
            }
        }
        for (i++; i < sizeArray; i++) {
            if (!array[i].isnil()) {
                return varargsOf(LuaInteger.valueOf(i + 1), array[i]);
            }
        }
        if (!dummy) {
            for (i -= sizeArray; i < nodeCount(); i++) {
                if (!values[i].isnil()) {
                    return varargsOf(keys[i], values[i]);
                }
            }
        }
        return NIL;
    }

    // ---- LuaTable's interface, on this layout

    @Override
    public LuaValue rawget(int key) {
        if (key >= 1 && key <= sizeArray) {
            return array[key - 1];
        }
        return get51(LuaInteger.valueOf(key));
    }

    @Override
    public LuaValue rawget(LuaValue key) {
        return get51(key);
    }

    @Override
    public void rawset(int key, LuaValue value) {
        if (key >= 1 && key <= sizeArray) {
            array[key - 1] = value;
            return;
        }
        set51(LuaInteger.valueOf(key), value);
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        set51(key, value);
    }

    @Override
    public void hashset(LuaValue key, LuaValue value) {
        set51(key, value);
    }

    @Override
    public Varargs next(LuaValue key) {
        return next51(key);
    }

    @Override
    public Varargs inext(LuaValue key) {
        int k = key.checkint() + 1;
        LuaValue v = rawget(k);
        return v.isnil() ? NONE : varargsOf(LuaInteger.valueOf(k), v);
    }

    @Override
    public int length() {
        return border();
    }

    @Override
    public int rawlen() {
        return border();
    }

    @Override
    public void presize(int narray) {
        if (narray > sizeArray) {
            resizeArray(narray);
        }
    }

    @Override
    public void presize(int narray, int nhash) {
        presize(narray);
    }

    @Override
    public void insert(int pos, LuaValue value) {
        int n = border();
        if (pos == 0) {
            pos = n + 1;
        }
        for (int i = n + 1; i > pos; i--) {
            rawset(i, rawget(i - 1));
        }
        rawset(pos, value);
    }

    @Override
    public LuaValue remove(int pos) {
        int n = border();
        if (pos == 0) {
            pos = n;
        } else if (pos > n) {
            return NONE;
        }
        LuaValue v = rawget(pos);
        for (; pos < n; pos++) {
            rawset(pos, rawget(pos + 1));
        }
        rawset(n, NIL);
        return v.isnil() ? NONE : v;
    }

    @Override
    public Varargs unpack() {
        return unpack(1, border());
    }

    @Override
    public Varargs unpack(int i) {
        return unpack(i, border());
    }

    @Override
    public Varargs unpack(int i, int j) {
        if (j < i) {
            return NONE;
        }
        LuaValue[] v = new LuaValue[j - i + 1];
        for (int k = i; k <= j; k++) {
            v[k - i] = rawget(k);
        }
        return varargsOf(v);
    }

    @Override
    public int keyCount() {
        int n = 0;
        for (Varargs e = next51(NIL); !e.arg1().isnil(); e = next51(e.arg1())) {
            n++;
        }
        return n;
    }

    @Override
    public LuaValue[] keys() {
        java.util.List<LuaValue> list = new java.util.ArrayList<>();
        for (Varargs e = next51(NIL); !e.arg1().isnil(); e = next51(e.arg1())) {
            list.add(e.arg1());
        }
        return list.toArray(new LuaValue[0]);
    }
}
