package dev.trib.node.command.scripting;

import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** Lua functions written as Java lambdas over their arguments, as the script libraries define theirs. */
final class LuaFunctions {
    private LuaFunctions() {
    }

    /** A function's body: its arguments in, its results out. */
    interface Body {
        Varargs apply(Varargs args);
    }

    static VarArgFunction fn(Body body) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return body.apply(args);
            }
        };
    }
}
