package dev.trib.node.command.scripting;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * A library table scripts may read but not change (Redis 7.0 makes the globals and every table reachable from them
 * read-only): once frozen, any store, even rawset, fails with Redis's message.
 */
class ReadOnlyTable extends LuaTable {
    static final String READONLY = "Attempt to modify a readonly table";
    private boolean frozen;

    /** A frozen copy of a table's entries. */
    static ReadOnlyTable copyOf(LuaTable source) {
        return copyOf(source, null);
    }

    /** A frozen copy with this metatable. */
    static ReadOnlyTable copyOf(LuaTable source, LuaValue metatable) {
        ReadOnlyTable t = new ReadOnlyTable();
        if (metatable != null) {
            t.setmetatable(metatable);
        }
        LuaValue k = LuaValue.NIL;
        while (true) {
            org.luaj.vm2.Varargs n = source.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            t.rawset(k, n.arg(2));
        }
        t.freeze();
        return t;
    }

    void freeze() {
        frozen = true;
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        if (frozen) {
            throw new LuaError(READONLY);
        }
        super.rawset(key, value);
    }

    @Override
    public void rawset(int key, LuaValue value) {
        if (frozen) {
            throw new LuaError(READONLY);
        }
        super.rawset(key, value);
    }

    @Override
    public LuaValue setmetatable(LuaValue metatable) {
        if (frozen) {
            throw new LuaError(READONLY);
        }
        return super.setmetatable(metatable);
    }
}
