package dev.trib.node.command.scripting;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/** The globals table of a script state: read-only once set up, as Redis 7.0's; the engine alone sets KEYS/ARGV. */
final class SandboxGlobals extends Globals {
    private boolean frozen;

    void freeze() {
        frozen = true;
    }

    /** Sets a global past the protection (KEYS and ARGV before each EVAL). */
    void force(String name, LuaValue value) {
        boolean was = frozen;
        frozen = false;
        try {
            super.rawset(LuaValue.valueOf(name), value);
        } finally {
            frozen = was;
        }
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        if (frozen) {
            throw new LuaError(ReadOnlyTable.READONLY);
        }
        super.rawset(key, value);
    }

    @Override
    public void rawset(int key, LuaValue value) {
        if (frozen) {
            throw new LuaError(ReadOnlyTable.READONLY);
        }
        super.rawset(key, value);
    }

    @Override
    public LuaValue setmetatable(LuaValue metatable) {
        if (frozen) {
            throw new LuaError(ReadOnlyTable.READONLY);
        }
        return super.setmetatable(metatable);
    }
}
