package dev.trib.node.command.scripting;

import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.ReplyDiff;
import dev.trib.node.support.RespTestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same scripting session against a standalone redis-server 7.0 and a node-server, every reply byte-identical:
 * RESP/Lua conversions both ways, the redis API, errors and where they were raised, the sandbox, SCRIPT and
 * FUNCTION management, FCALL, the read-only variants, and scripts inside MULTI. Each step is one command; its
 * arguments are given as they are (scripts hold spaces).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ScriptingDifferentialTest {
    private static final List<String[]> SESSION = new ArrayList<>();

    private static void c(String... args) {
        SESSION.add(args);
    }

    /** EVAL of a script without keys or arguments. */
    private static void e(String script) {
        c("EVAL", script, "0");
    }

    static final String LIB = "#!lua name=mylib\n"
            + "local function incr(keys, args) return redis.call('INCRBY', keys[1], args[1]) end\n"
            + "redis.register_function('myincr', incr)\n"
            + "redis.register_function{function_name='myget', callback=function(keys) return redis.call('GET', keys[1]) end,"
            + " flags={'no-writes'}, description='reads a key'}\n"
            + "redis.register_function{function_name='cross', callback=function(keys) return redis.call('SET', 'x', 1) end,"
            + " flags={'allow-cross-slot-keys', 'allow-oom'}}\n";

    static {
        c("FLUSHALL");
        c("SCRIPT", "FLUSH");
        c("FUNCTION", "FLUSH");
        // Conversions, Lua to RESP.
        e("return 1");
        e("return -7");
        e("return 3.99");
        e("return -3.99");
        e("return 'hello'");
        e("return ''");
        e("return true");
        e("return false");
        e("return nil");
        e("return {}");
        e("return {1, 2, 3, 'x', nil, 5}");
        e("return {1, {2, {3, 'deep'}}, true, false}");
        e("return {err='My Error'}");
        e("return {err='CODE with code'}");
        e("return {ok='FINE'}");
        e("return {ok='line\\r\\nbreak'}");
        e("return {ok=1}");
        e("return {double=3.5}");
        e("return {big_number='123456789012345678901234567890'}");
        e("return redis.error_reply('x')");
        e("return redis.error_reply('-MY own')");
        e("return redis.error_reply('MY own')");
        e("return redis.error_reply(1)");
        e("return redis.status_reply('FINE')");
        e("return redis.status_reply()");
        e("return redis.sha1hex('')");
        e("return redis.sha1hex('abc')");
        e("return redis.sha1hex()");
        e("return redis.REDIS_VERSION .. ' ' .. redis.REDIS_VERSION_NUM");
        e("return {redis.LOG_DEBUG, redis.LOG_VERBOSE, redis.LOG_NOTICE, redis.LOG_WARNING}");
        e("return _VERSION");
        e("return 2^53");
        e("return 1e300");
        e("return 0/0");
        e("return tostring(12)");
        e("return math.random(100)");
        e("return {math.random(), math.random(1000), math.random(5, 10)}");
        e("math.randomseed(7) return math.random(1000000)");
        // KEYS, ARGV and numkeys.
        c("EVAL", "return {KEYS[1], KEYS[2], ARGV[1], ARGV[2], #KEYS, #ARGV}", "2", "k1", "k2", "a1", "a2");
        c("EVAL", "return 1", "3", "a", "b");
        c("EVAL", "return 1", "-1");
        c("EVAL", "return 1", "x");
        c("EVAL", "return 1");
        c("EVAL");
        // RESP to Lua: redis.call replies.
        c("EVAL", "return redis.call('SET', KEYS[1], ARGV[1])", "1", "s", "v1");
        c("EVAL", "return redis.call('GET', KEYS[1])", "1", "s");
        c("EVAL", "return redis.call('GET', KEYS[1])", "1", "missing");
        c("EVAL", "return type(redis.call('GET', KEYS[1]))", "1", "missing");
        c("EVAL", "return redis.call('INCR', KEYS[1])", "1", "n");
        c("EVAL", "return redis.call('INCRBYFLOAT', KEYS[1], 0.1)", "1", "f");
        c("EVAL", "return redis.call('SET', KEYS[1], 3.5)", "1", "num");
        c("EVAL", "return redis.call('GET', KEYS[1])", "1", "num");
        c("EVAL", "return redis.call('RPUSH', KEYS[1], 'a', 'b', 'c')", "1", "l");
        c("EVAL", "return redis.call('LRANGE', KEYS[1], 0, -1)", "1", "l");
        c("EVAL", "local r = redis.call('SET', KEYS[1], 'x') return r.ok", "1", "s");
        c("EVAL", "return redis.call('MGET', 'l', 'nokey', 's')", "0");
        c("EVAL", "local t = redis.call('MGET', 'nokey', 's') return {type(t[1]), t[2]}", "0");
        c("EVAL", "return redis.call('HSET', KEYS[1], 'f', 'v')", "1", "h");
        c("EVAL", "return redis.call('PING')", "0");
        c("EVAL", "return redis.call('ECHO', 'hi')", "0");
        c("EVAL", "return redis.call('SET', KEYS[1], {})", "1", "s");
        c("EVAL", "return redis.call('SET', KEYS[1], true)", "1", "s");
        c("EVAL", "return redis.call()", "0");
        // Errors from redis.call, redis.pcall, error() and the runtime.
        c("EVAL", "return redis.call('INCR', KEYS[1])", "1", "l");
        c("EVAL", "return redis.pcall('INCR', KEYS[1])", "1", "l");
        c("EVAL", "local r = redis.pcall('INCR', KEYS[1]) return r.err", "1", "l");
        c("EVAL", "return redis.call('LPUSH', KEYS[1], 'x')", "1", "s");
        e("return redis.call('nosuch')");
        e("return redis.pcall('nosuch')");
        e("return redis.call('GET')");
        e("return redis.call('CLIENT')");
        e("return redis.call('CONFIG', 'nosuchsub')");
        e("return redis.call('MULTI')");
        e("return redis.call('EVAL', 'return 1', 0)");
        e("return redis.call('SUBSCRIBE', 'ch')");
        e("return redis.call('SCRIPT', 'LOAD', 'return 1')");
        e("error('boom')");
        e("\n\nerror('on line three')");
        e("error({err='TABLE error'})");
        e("error('boom', 0)");
        e("local ok, err = pcall(function() error('inner') end) return err");
        e("local ok, err = pcall(function() redis.call('nosuch') end) return err");
        e("local ok, err = pcall(function() error({err='X y'}) end) return err");
        e("return pcall(function() return 1 end)");
        e("local function f()\n  return redis.call('INCR', 'l')\nend\nreturn f()");
        e("return redis.setresp(4)");
        e("redis.setresp(2) return 1");
        e("return redis.log(redis.LOG_WARNING, 'from a script')");
        e("return redis.log(redis.LOG_DEBUG, 'quiet')");
        e("return redis.log(99, 'x')");
        e("return redis.log('x')");
        e("return redis.set_repl(redis.REPL_ALL)");
        e("return redis.set_repl(99)");
        e("return redis.replicate_commands()");
        e("return redis.breakpoint()");
        // Lua 5.1's wording of the VM's errors (with the variable's kind and name), of the standard library's
        // argument errors, error() levels, table.sort's order and errors, stack overflow.
        e("return nosuchfn()");
        e("local x return x()");
        e("local t = {} return t.foo()");
        e("local t = {} return t:foo()");
        e("return redis.nosuch()");
        e("return string.nosuch('x')");
        e("local x return x + 1");
        e("local x return 1 + x");
        e("local t = {} return t.a + 1");
        e("return ARGV[1] + 1");
        e("return KEYS[1] .. 'x'");
        e("local x return 'a' .. x");
        e("local x return x .. 'a'");
        e("local t = {} return 'a' .. t");
        e("return {} + 1");
        e("return 'abc' + 1");
        e("return -{}");
        e("return #nil");
        e("local x return #x");
        e("local x return x.y");
        e("local x return x.y.z");
        e("local t = {} return t.a.b");
        e("local x return x[1]");
        e("local x x.y = 1");
        e("local t = {} t.a.b = 1");
        e("return {} < 1");
        e("return 1 < 'x'");
        e("return {} < {}");
        e("return nil > 1");
        e("return redis.call('GET', nil)");
        e("return redis.call('GET', {})");
        e("return redis.call('GET', true)");
        e("return redis.call(nil)");
        e("return redis.call(1)");
        e("return redis.call({})");
        e("return redis.call('SET', 'a')");
        e("return redis.call('GET', 'a', 'b')");
        e("error('plain')");
        e("error('plain', 1)");
        e("error('plain', 2)");
        e("error('plain', 0)");
        e("error({err='custom error'})");
        e("error({err='ERR custom'})");
        e("error(nil)");
        e("error(42)");
        e("error(true)");
        e("error()");
        e("local t = setmetatable({}, {__index=function() error('in meta') end}) return t.x");
        e("return string.rep()");
        e("return string.rep('x', -1)");
        e("return string.sub()");
        e("return string.len()");
        e("return string.byte(nil)");
        e("return string.char(256)");
        e("return string.char('x')");
        e("return string.format('%d', 'x')");
        e("return string.format('%d')");
        e("return string.format('%z', 1)");
        e("return math.floor('x')");
        e("return math.floor()");
        e("return tonumber()");
        e("return tostring()");
        e("return table.insert(nil, 1)");
        e("return table.concat({{}})");
        e("return table.concat({1, {}, 3})");
        e("return table.remove()");
        e("return table.sort({3, 1, 'x'})");
        e("return select(0)");
        e("return select('x')");
        e("return setmetatable(1, {})");
        e("return unpack(nil)");
        e("return ipairs()");
        e("return pairs(nil)");
        e("return next({}, 'nokey')");
        e("return rawget(1)");
        e("return tonumber('10', 99)");
        e("return ('x'):bad()");
        e("return coroutine.resume(1)");
        e("return loadstring('x x')");
        e("return assert(false)");
        e("return assert(false, 'assertion msg')");
        e("return assert(nil, {err='x'})");
        e("return assert(1 == 2, 42)");
        e("local function f() return f() + 1 end return f()");
        e("local function f() f() end f()");
        e("for i = 1, 'x' do end");
        e("for k in nil do end");
        e("local a = nil; a()");
        e("local s = 'x'; s()");
        e("local n = 1; n()");
        e("return cjson.decode(nil)");
        e("return cjson.encode()");
        e("return bit.band('x')");
        e("return bit.tohex()");
        e("return math.random(0)");
        e("return math.random(2, 1)");
        e("return math.random(1, 2, 3)");
        e("local function f() error('lvl2', 2) end f()");
        e("local function f() error('lvl2', 2) end local function g() f() end g()");
        e("local function f() error('lvl3', 3) end local function g() f() end g()");
        e("local function f() error('lvl1') end f()");
        e("error('x', 'y')");
        e("local t = {5, 3, 8, 1, 9, 2, 7} table.sort(t) return t");
        e("local t = {'b', 'a', 'd', 'c'} table.sort(t, function(a, b) return a > b end) return t");
        e("local t = {} for i = 1, 50 do t[i] = {k = i % 5, id = i} end table.sort(t, function(a, b)"
                + " return a.k < b.k end) local out = {} for i = 1, 50 do out[i] = t[i].id end return out");
        e("local t = {} for i = 1, 200 do t[i] = (i * 7919) % 101 end table.sort(t) return t");
        e("local t = {3, 1, 'x', 2} table.sort(t) return t");
        e("local t = {3, {}, 1} table.sort(t) return t");
        e("local t = {{}, {}} table.sort(t) return t");
        e("local t = {1, 2, 3, 4, 5} table.sort(t, function(a, b) return true end) return t");
        e("return pcall(function() local function f() return f() + 1 end return f() end)");
        e("local ok, e = pcall(function() local x x() end) return e");
        e("local ok, e = pcall(function() local t = {} return t.a.b end) return e");
        e("local u local function f() return u.x end return f()");
        e("local u local function f() u.x = 1 end return f()");
        e("local u local function f() return u + 1 end return f()");
        e("local t = {} return t.x.y.z");
        e("return redis()");
        e("return #redis.call");
        e("return KEYS[1] < 1");
        e("return {} .. 'x'");
        e("local a, b = 'x', {} return a .. b .. 'c'");
        e("local a, b = {}, 'x' return a .. b .. 'c'");
        e("local a = 1 return a .. nil");
        e("return -'abc'");
        e("local t = setmetatable({}, {__call = 1}) return t()");
        e("return string.format('%s', {})");
        e("return string.format('%s')");
        e("return string.format('%5.1s|', 'abc')");
        e("return table.concat({1, 2, 3}, ', ', 2, 5)");
        e("return table.concat({1, 2, 3}, {})");
        e("return table.insert({}, 1, 2, 3)");
        e("return table.insert({})");
        e("return table.maxn({1, 2, [10] = 3})");
        e("return table.foreach({10}, function(k, v) return v * 2 end)");
        e("return table.foreachi({10, 20}, function(i, v) if i == 2 then return v end end)");
        e("return table.setn({}, 1)");
        e("return math.log10(1000)");
        e("return math.random('x')");
        e("return math.max()");
        e("return select('#', 1, 2, 3)");
        e("return select(-1, 1, 2, 3)");
        e("return tonumber('ff', 16)");
        e("return tonumber('zz', 36)");
        e("return tonumber({}, 16)");
        e("return coroutine.create(1)");
        e("return coroutine.wrap(print)");
        e("return coroutine.status(nil)");
        e("return string.rep('ab', 3)");
        e("return string.rep('ab', 0)");
        e("return string.rep('', 5)");
        e("return string.gsub('abc', 'b', true)");
        e("return string.sub('hello', 'x')");
        e("return rawequal(1)");
        e("return xpcall(function() end)");
        e("return getmetatable()");
        e("return loadstring()");
        e("return ipairs({}, 1)");
        e("return bit.band(1, 'x')");
        e("return bit.tohex(1, 'x')");
        e("return assert(false, 42)");
        e("return assert(true, {})");
        e("return assert()");
        e("return unpack({1, 2, 3}, 2)");
        e("return unpack({}, 'x')");
        e("return next({})");
        e("return string.byte('abc', 'x')");
        // Compile errors.
        e("#!lua\nreturn 1");
        e("#!lua flags=no-writes\nreturn redis.call('GET', 's')");
        e("#!lua flags=bogus\nreturn 1");
        e("#!lua foo=bar\nreturn 1");
        e("#!python\nreturn 1");
        e("#!lua");
        // error() levels through tail calls, pcall and coroutines; errors inside coroutines (tables kept).
        e("local co = coroutine.wrap(function(x) local s = 'v' .. x / 4 coroutine.yield(s) return s .."
                + " 0.5 end) return {co(1), co()}");
        e("local co = coroutine.create(function() local t t.x = 1 end) return {coroutine.resume(co)}");
        e("local co = coroutine.create(function() error('in co', 2) end) return {coroutine.resume(co)}");
        e("local co = coroutine.create(function() local a = 1 / 3 coroutine.yield() return a .. '' end)"
                + " coroutine.resume(co) local x = 2 / 3 local _, r = coroutine.resume(co) return {r, x .. ''}");
        e("local co = coroutine.create(function() return 1 + {} end) local ok, e = coroutine.resume(co) return e");
        e("return coroutine.resume(coroutine.create(function() local f f() end))");
        e("local f = coroutine.wrap(function() local t t.x = 1 end) return f()");
        e("local f = coroutine.wrap(function() error({err='tbl'}) end) return f()");
        e("local f = coroutine.wrap(function() error('plain') end) local ok, e = pcall(f) return e");
        e("return coroutine.wrap(1)");
        e("local f = coroutine.wrap(function(a, b) local c = coroutine.yield(a + b) return c * 2 end)"
                + " return {f(1, 2), f(10)}");
        e("return error('tail', 2)");
        e("return error('tail1')");
        e("local function f() return error('x', 2) end return f()");
        e("local function f() return error('x', 2) end local v = f() return v");
        e("local function g() error('deep', 3) end local function f() g() end f()");
        e("local function g() error('deep', 3) end local function f() return g() end f()");
        e("local ok, e = pcall(error, 'via pcall', 2) return e");
        e("local ok, e = pcall(function() error('in pcall', 2) end) return e");
        e("local function h() error('d4', 4) end local function g() return h() end local function f()"
                + " return g() end f()");
        e("local function h() error('d2', 2) end local function g() return h() end local function f() g() end f()");
        e("local function h() error('d3', 3) end local function g() return h() end local function f()"
                + " return g() end local function e() f() end e()");
        // Patterns (a set without its ']') and string.format's C casts.
        e("return string.find('abc', '%')");
        e("return string.find('abc', '(')");
        e("return string.find('abc', '[a')");
        e("return string.gsub('abc', '(a)', '%2')");
        e("return string.match('abc', '%b')");
        e("return string.find('abc', 'b', 1, true)");
        e("return string.gsub('hello world', 'o', {o = 1})");
        e("return string.gsub('abc', '%w', '%0%0')");
        e("return string.gsub('abc', '', '-')");
        e("return {string.find('a.b', '.', 1, true)}");
        e("return string.format('%10.3f|%-5s|%05d', 3.14159, 'ab', 42)");
        e("return string.format('%q', 'a\\0b\\r\\n')");
        e("return string.format('%c%c', 72, 105)");
        e("return string.format('%5.2s|', 'abc')");
        e("return string.format('%i', 3.7)");
        e("return string.format('%x', -1)");
        e("return string.format('%d', 2^53)");
        e("return string.format('%d', 1e20)");
        e("return string.byte('abc', -1)");
        e("return {string.byte('abc', 1, -1)}");
        e("return string.sub('hello', -3, -2)");
        e("return string.upper(12)");
        e("return ('%d items'):format(3)");
        e("return string.gmatch('a b', '%a')()");
        e("return select('#', string.gsub('aaa', 'a', 'b', 2))");
        e("for w in string.gmatch('abc', '[a') do end return 1");
        e("return string.match('xyz', 'q[a')");
        e("return string.gsub('abc', 'b[', 'x')");
        // Lua 5.1's syntax errors: the token they were found at, '<eof>', its numerals, goto as a name, break.
        e("return x =");
        e("return 1 +");
        e("if x then");
        e("local function");
        e("return 'unclosed");
        e("x = = 1");
        e("return )");
        e("for i = 1 do end");
        e("local 1 = 2");
        e("return {1, 2");
        e("f(");
        e("return 1 end");
        e("while true do");
        e("return [[abc");
        e("goto x");
        e("local x <const> = 1");
        e("return 0x");
        e("return 1..2");
        e("return \"\\q\"");
        e("return 1 2");
        e("break");
        e("return ...");
        e("function f(...) return arg end return f(1)");
        e("local a = {...} return #a");
        e("local a = 1\nlocal b = 2\nreturn a +");
        e("x = 1\n\n\ny = = 2");
        e("return 3abc");
        e("return 1e");
        e("return 1e+");
        e("return .5 + 0x10 + 0x1p4 + 1e2 + 3.");
        e("return 0xg");
        e("return 08");
        e("local s = 'a\\\\0b' return s x");
        e("return 'it''s'");
        e("return \"abc");
        e("return 'a' .. 'b' ..");
        e("local goto = 5 return goto");
        e("return ::");
        e("--[[ comment\n1..2 ]] return 0x");
        e("return [==[\n]==] .. 1..2");
        e("return a.b.c.");
        e("return function() end end");
        e("if x then else elseif y then end");
        e("return not");
        e("local t = {a = 1, [2] = 3,} return #t");
        e("return {1, 2,, 3}");
        e("local function f(a, b, ...) return ... end return f(1, 2, 3)");
        e("for k, v in pairs({}) do break end return 1");
        e("while true do if true then break end end return 2");
        e("repeat local x = 1 until x == 1 return 3");
        // The sandbox.
        e("x = 1");
        e("return x");
        e("return os.clock()");
        e("return io");
        e("return require");
        e("return dofile");
        e("return print");
        e("return debug");
        e("return package");
        e("return setfenv");
        e("return getfenv");
        e("return bit32");
        e("string.foo = 1");
        e("redis.call = nil");
        e("_G.x = 1");
        e("rawset(_G, 'x', 1)");
        e("setmetatable(_G, nil)");
        e("return {type(unpack), type(loadstring), type(load), type(table.getn), type(math.mod), type(string.gfind), "
                + "type(gcinfo), type(coroutine), type(bit), type(table.unpack), type(table.pack)}");
        e("return {bit.band(0xff, 0x0f), bit.bor(1, 2, 4), bit.bxor(3, 1), bit.lshift(1, 4), bit.rshift(-1, 28), "
                + "bit.arshift(-16, 2), bit.tohex(255), bit.tohex(-1, -4), bit.tobit(2^32 + 5), bit.bnot(0)}");
        // cjson (objects of one key only: Lua's and LuaJ's table orders differ).
        e("return cjson.encode({1, 2, 'x', true, false, {a=1}})");
        e("return cjson.encode({})");
        e("return cjson.encode('a/b\\\"c\\\\d\\n\\1')");
        e("return {cjson.encode(0.1), cjson.encode(1e20), cjson.encode(3), "
                + "cjson.encode(123456789012345), cjson.encode(cjson.null), cjson.encode({[1]=1, [3]=3})}");
        e("return cjson.encode({[1]=1, [20]=3})");
        e("return cjson.encode({[true]=1})");
        e("return cjson.encode(0/0)");
        e("return cjson.encode(redis.call)");
        e("return cjson.encode({a={b={c={}}}})");
        e("local t = cjson.decode('[1,2,{\\\"a\\\":[null,true]},\\\"x\\\\u0041\\\"]') "
                + "return {t[1], t[4], type(t[3].a[1]), t[3].a[2]}");
        e("return cjson.decode('{bad')");
        e("return cjson.decode('')");
        e("return cjson.decode('[1,]')");
        e("return cjson.decode('[1 2]')");
        e("return cjson.decode('{\\\"a\\\" 1}')");
        e("return cjson.decode('1.5e3')");
        e("return cjson.decode('[1] x')");
        e("return cjson.null");
        e("return type(cjson.null)");
        e("return unpack({1, 2, 3})");
        e("return table.getn({1, 2, 3})");
        e("return loadstring('return 5')()");
        e("local t = {} for w in string.gfind('a b c', '%a') do t[#t + 1] = w end return t");
        e("return string.format('%5.2f|%d|%s', 3.14159, 42, 'x')");
        e("return string.format('%-6d|%06.1f|%+d|%x|%X|%o|%#x|%5s|%.2s|%c', 42, -3.14159, 7, 255, 255, 8, 255, 'ab', "
                + "'xyz', 65)");
        e("return string.format('%g|%g|%g|%g|%.3g|%e|%.0f|%10.4e|%G', 0.1, 1e20, 123456789, 1e-5, 2/3, 12345.678, "
                + "2.5, 0.000123, 1e-10)");
        e("return string.format('%q', 'a\\\"b\\n')");
        e("return string.format('%d%%', 50)");
        e("return tostring(0.1 + 0.2)");
        // Numbers written as Lua 5.1 writes them (%.14g): tostring, "..", table.concat, string arguments; tonumber.
        e("return tostring(1e15)");
        e("return tostring(1e14)");
        e("return tostring(1e16)");
        e("return tostring(2^53)");
        e("return tostring(2^63)");
        e("return tostring(-2^63)");
        e("return tostring(1e100)");
        e("return tostring(1/3)");
        e("return tostring(1e-5)");
        e("return tostring(123456789012)");
        e("return tostring(0.1)");
        e("return tostring(1/0)");
        e("return tostring(-1/0)");
        e("return tostring(0/0)");
        e("return tostring(3.0)");
        e("return tostring(2^31)");
        e("return tostring(-2^31)");
        e("return tostring(2^31 + 0.5)");
        e("return 'x' .. 1e15");
        e("return 'x' .. 1/3");
        e("return 'x' .. 2^63");
        e("return 'x' .. 0/0");
        e("return 1e15 .. ''");
        e("return table.concat({1e15, 1/3, 2^53}, ',')");
        e("return string.rep(1/3, 2)");
        e("return ('x'):rep(2) .. 1e16");
        e("return #tostring(12345.678)");
        e("return string.len(1/3)");
        e("return tonumber('0x10')");
        e("return tonumber('  10  ')");
        e("return tonumber('1e2')");
        e("return tonumber('10', 2)");
        e("return tonumber('z', 36)");
        e("return tonumber('')");
        e("return tonumber('0x')");
        e("return tonumber('1e')");
        e("return tostring(tonumber('0x1p4'))");
        e("return math.huge");
        e("return tostring(math.huge)");
        e("return tostring(math.pi)");
        e("return tostring(-math.pi)");
        e("return tostring(100 / 2)");
        e("return tostring(7 % 3)");
        e("return tostring(-7 % 3)");
        e("return tostring(5.5 % 2)");
        e("return tostring(2^0.5)");
        e("return tostring(10 // 3)");
        e("return {math.floor(3.7), math.max(1, 9, 4), math.mod(7, 3)}");
        e("local co = coroutine.create(function(a) coroutine.yield(a + 1) return 'done' end) "
                + "local _, v = coroutine.resume(co, 1) local _, w = coroutine.resume(co) return {v, w}");
        // SCRIPT management and EVALSHA.
        c("SCRIPT", "LOAD", "return 'loaded'");
        c("EVALSHA", "b534286061d4b9e4026607613b95c06c06015ae8", "0");
        c("EVALSHA", "B534286061D4B9E4026607613B95C06C06015AE8", "0");
        c("SCRIPT", "EXISTS", "b534286061d4b9e4026607613b95c06c06015ae8", "0000000000000000000000000000000000000000");
        c("EVALSHA", "0000000000000000000000000000000000000000", "0");
        c("EVALSHA", "short", "0");
        c("SCRIPT", "LOAD");
        c("SCRIPT", "EXISTS");
        c("SCRIPT", "FLUSH", "SYNC");
        c("SCRIPT", "FLUSH", "ASYNC");
        c("SCRIPT", "FLUSH", "NOW");
        c("SCRIPT", "EXISTS", "b534286061d4b9e4026607613b95c06c06015ae8");
        c("SCRIPT", "KILL");
        c("SCRIPT", "NOSUCH");
        c("SCRIPT", "HELP");
        c("SCRIPT");
        // Read-only variants.
        c("EVAL_RO", "return redis.call('GET', KEYS[1])", "1", "s");
        c("EVAL_RO", "return redis.call('SET', KEYS[1], 'v')", "1", "s");
        c("EVAL_RO", "return redis.pcall('DEL', KEYS[1])", "1", "s");
        c("EVAL_RO", "#!lua\nreturn 1", "0");
        c("EVAL_RO", "#!lua flags=no-writes\nreturn redis.call('GET', 's')", "0");
        c("EVAL", "#!lua flags=no-writes\nreturn redis.call('SET', 's', 1)", "0");
        c("SCRIPT", "LOAD", "return redis.call('GET', KEYS[1])");
        c("EVALSHA_RO", "4e6d8fc8bb01276962cce5371fa795a7763657ae", "1", "s");
        // Functions.
        c("FUNCTION", "LOAD", LIB);
        c("FUNCTION", "LOAD", LIB);
        c("FUNCTION", "LOAD", "REPLACE", LIB);
        c("FCALL", "myincr", "1", "fk", "5");
        c("FCALL", "myincr", "1", "fk", "x");
        c("FCALL", "myget", "1", "fk");
        c("FCALL_RO", "myget", "1", "fk");
        c("FCALL_RO", "myincr", "1", "fk", "1");
        c("FCALL", "cross", "0");
        c("FCALL", "nosuch", "0");
        c("FCALL", "myincr", "x");
        c("FCALL", "myincr", "5", "a");
        c("FCALL", "myincr", "-1");
        c("FUNCTION", "LOAD", "#!lua name=listed\nredis.register_function{function_name='listed_f', "
                + "callback=function() return 1 end, flags={'no-writes', 'allow-stale', 'no-cluster'}, "
                + "description='one function'}");
        c("FUNCTION", "LIST", "LIBRARYNAME", "list*");
        c("FUNCTION", "LIST", "LIBRARYNAME", "LIST*", "WITHCODE");
        c("FUNCTION", "LIST", "WITHCODE", "LIBRARYNAME", "listed");
        c("FUNCTION", "LIST", "LIBRARYNAME", "nope*");
        c("FCALL", "listed_f", "0");
        c("FUNCTION", "DELETE", "listed");
        c("FUNCTION", "LIST", "LIBRARYNAME");
        c("FUNCTION", "LIST", "BOGUS");
        c("FUNCTION", "STATS");
        c("FUNCTION", "KILL");
        c("FUNCTION", "LOAD", "#!lua name=other\nredis.register_function('myincr', function() return 1 end)");
        c("FUNCTION", "LOAD", "#!lua name=other\nreturn 1");
        c("FUNCTION", "LOAD", "#!lua name=other\nx = 1");
        c("FUNCTION", "LOAD", "#!lua name=other\nredis.call('ping')");
        c("FUNCTION", "LOAD", "#!lua name=other\nreturn string.len('x')");
        c("FUNCTION", "LOAD", "#!lua name=other\nredis.register_function('a', function() end) "
                + "redis.register_function('a', function() end)");
        c("FUNCTION", "LOAD", "#!lua name=other\nredis.register_function('bad-name', function() end)");
        c("FUNCTION", "LOAD", "#!lua name=other\nredis.register_function{function_name='f', callback=function() end, "
                + "flags={'bogus'}}");
        c("FUNCTION", "LOAD", "#!lua name=other\nredis.register_function{function_name='f'}");
        c("FUNCTION", "LOAD", "#!lua name=other\nredis.register_function{callback=function() end}");
        c("FUNCTION", "LOAD", "#!lua name=other\nredis.register_function{function_name='f', callback=1}");
        c("FUNCTION", "LOAD", "#!lua name=other\nredis.register_function{function_name='f', callback=function() end, "
                + "extra=1}");
        c("FUNCTION", "LOAD", "#!lua name=other\nredis.register_function(1, 2, 3)");
        c("FUNCTION", "LOAD", "#!lua name=other\nredis.register_function('f', 2)");
        c("FUNCTION", "LOAD", "#!lua name=other\nredis.register_function(1)");
        c("FUNCTION", "LOAD", "return 1");
        c("FUNCTION", "LOAD", "#!lua");
        c("FUNCTION", "LOAD", "#!lua\nreturn 1");
        c("FUNCTION", "LOAD", "#!lua name=a name=b\nreturn 1");
        c("FUNCTION", "LOAD", "#!lua name=bad-name\nreturn 1");
        c("FUNCTION", "LOAD", "#!lua name=x foo=bar\nreturn 1");
        c("FUNCTION", "LOAD", "#!js name=x\nreturn 1");
        c("FUNCTION", "LOAD", "BOGUS", "#!lua name=x\nreturn 1");
        c("FUNCTION", "LOAD");
        c("FUNCTION", "LOAD", "#!lua name=two\nredis.register_function('two_a', function(keys, args) "
                + "return {#keys, #args, redis.call('TYPE', 'fk').ok} end)");
        c("FCALL", "two_a", "1", "fk", "x", "y");
        c("FUNCTION", "LIST", "LIBRARYNAME", "two");
        c("FUNCTION", "DELETE", "two");
        c("FUNCTION", "DELETE", "two");
        c("FCALL", "two_a", "0");
        c("FUNCTION", "RESTORE", "garbage");
        c("FUNCTION", "RESTORE", "garbage", "BOGUS");
        c("FUNCTION", "NOSUCH");
        c("FUNCTION", "HELP");
        c("FUNCTION", "FLUSH", "NOW");
        c("FUNCTION", "FLUSH");
        c("FUNCTION", "LIST");
        c("FUNCTION", "LOAD", "#!lua name=solo\nredis.register_function('solo_f', function() return 'solo' end)");
        c("FUNCTION", "LIST");
        c("FUNCTION", "STATS");
        // Errors in libraries and functions, in Lua 5.1's words.
        c("FUNCTION", "LOAD", "#!lua name=errlib\nredis.register_function('err_f', function() return 1 end");
        c("FUNCTION", "LOAD", "#!lua name=errlib\nx = = 1");
        c("FUNCTION", "LOAD", "#!lua name=errlib\nlocal x = 1..2");
        c("FUNCTION", "LOAD", "#!lua name=errlib\nlocal x x()");
        c("FUNCTION", "LOAD", "#!lua name=errlib\nlocal t = nil\nreturn t.x");
        c("FUNCTION", "LOAD", "#!lua name=errlib\n"
                + "redis.register_function('err_f', function(keys, args) local x return x.y end)\n"
                + "redis.register_function('err_g', function(keys, args) return string.rep() end)\n"
                + "redis.register_function('err_h', function(keys, args) error('lvl2', 2) end)\n"
                + "redis.register_function('err_i', function(keys, args) return args[1] + 1 end)");
        c("FCALL", "err_f", "0");
        c("FCALL", "err_g", "0");
        c("FCALL", "err_h", "0");
        c("FCALL", "err_i", "0");
        c("FCALL", "err_i", "0", "x");
        c("FUNCTION", "DELETE", "errlib");
        c("EVAL", "local function f(t)\n  return t.field.sub\nend\nreturn f({})", "0");
        c("EVAL", "local cfg = {}\nlocal function get()\n  return cfg.opts.timeout\nend\nreturn get()", "0");
        c("EVAL", "return redis.call('GET', KEYS[1]) + 1", "1", "missing");
        c("EVAL", "local v = redis.call('GET', KEYS[1]) return v .. 'x'", "1", "missing");
        c("EVAL", "local n = tonumber(ARGV[1]) return n * 2", "0");
        c("EVAL", "local data = cjson.decode(ARGV[1]) return data.a.b", "0", "{}");
        c("EVAL", "return ARGV[1] > 5", "0", "3");
        // Each call runs with the caller's ACL permissions.
        c("ACL", "SETUSER", "lim", "on", "nopass", "+@all", "-set", "~*");
        c("ACL", "SETUSER", "lim2", "on", "nopass", "+@all", "~k*");
        c("AUTH", "lim", "x");
        c("EVAL", "return redis.call('SET', 'a', 'b')", "0");
        c("EVAL", "return redis.pcall('SET', 'a', 'b')", "0");
        c("EVAL", "return redis.call('GET', 'k')", "0");
        c("AUTH", "lim2", "x");
        c("EVAL", "return redis.call('GET', 'a')", "0");
        c("EVAL", "return redis.call('GET', 'k1')", "0");
        c("AUTH", "default", "x");
        c("ACL", "DELUSER", "lim", "lim2");
        // Replies RESP3 shapes differently reach a script in their RESP2 form; a RESP3 caller gets RESP3.
        c("HSET", "h3", "f", "v");
        c("ZADD", "z3", "1.5", "m");
        c("SADD", "s3", "only");
        c("EVAL", "return redis.call('HGETALL', 'h3')", "0");
        c("EVAL", "return redis.call('ZSCORE', 'z3', 'm')", "0");
        c("EVAL", "return redis.call('ZRANGE', 'z3', 0, -1, 'WITHSCORES')", "0");
        c("EVAL", "return redis.call('SMEMBERS', 's3')", "0");
        c("EVAL", "return redis.call('ZMSCORE', 'z3', 'm', 'nope')", "0");
        c("EVAL", "return redis.call('CONFIG', 'GET', 'busy-reply-threshold')", "0");
        c("~HELLO", "3");
        e("return {1, 'two', false, true, {ok='fine'}, nil}");
        e("return false");
        e("return {double=1.5}");
        e("return redis.call('HGETALL', 'h3')");
        e("return {map={a=1}}");
        e("return {set={x=true}}");
        e("return redis.call('GET', 'nokey')");
        e("return {err='ERR in resp3'}");
        c("~HELLO", "2");
        // Inside MULTI, EVAL is queued and runs in EXEC.
        c("MULTI");
        c("EVAL", "return redis.call('INCR', KEYS[1])", "1", "m");
        c("EVAL", "return redis.call('INCR', KEYS[1])", "1", "m");
        c("EXEC");
        c("EVAL", "return redis.call('GET', KEYS[1])", "1", "m");
        // Blocking commands do not block inside a script.
        c("EVAL", "return redis.call('BLPOP', 'emptylist', 0)", "0");
    }

    /**
     * A library argument error in Lua 5.1's words (LuaJ's own would be "bad argument: string expected, got nil"),
     * where and as Redis reports it; checked without redis-server too.
     */
    @Test
    void libraryArgumentErrorsKeepRedisFrame() throws Exception {
        NodeServer node = NodeServer.start(NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(0));
        try (RespTestClient ours = new RespTestClient("127.0.0.1", node.port())) {
            String script = "\nreturn string.rep()";
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            String reply = ours.call("EVAL", script, "0");
            org.junit.jupiter.api.Assertions.assertEquals("-ERR user_script:2: bad argument #1 to 'rep' (string "
                    + "expected, got no value) script: " + sha + ", on @user_script:2.\r\n", reply);
            String compile = ours.call("EVAL", "return x = ", "0");
            org.junit.jupiter.api.Assertions.assertTrue(
                    compile.startsWith("-ERR Error compiling script (new function): user_script:1: "), compile);
        } finally {
            node.stop();
        }
    }

    /** FUNCTION DUMP payloads travel both ways: redis-server's (LZF-compressed code) into the node and back. */
    @Test
    void functionDumpsRestoreAcrossServers() throws Exception {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server not on PATH: FUNCTION DUMP interop test SKIPPED ***");
        NodeServer node = NodeServer.start(NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(0));
        try (RealRedis real = RealRedis.start("127.0.0.1", Ports.freeClusterPort("127.0.0.1"));
             RespTestClient theirs = new RespTestClient("127.0.0.1", real.port);
             RespTestClient ours = new RespTestClient("127.0.0.1", node.port())) {
            String lib = "#!lua name=travel\nredis.register_function('travel_f', function() return 'travelled "
                    + "with a body long enough to be compressed by redis-server' end)";
            org.junit.jupiter.api.Assertions.assertEquals("$6\r\ntravel\r\n", theirs.call("FUNCTION", "LOAD", lib));
            String dump = bulk(theirs, "FUNCTION", "DUMP");
            org.junit.jupiter.api.Assertions.assertEquals("+OK\r\n", ours.call("FUNCTION", "RESTORE", dump),
                    dev.trib.node.support.ReplyDiff.printable(dump));
            String expected = "$66\r\ntravelled with a body long enough to be compressed by redis-server\r\n";
            org.junit.jupiter.api.Assertions.assertEquals(expected, ours.call("FCALL", "travel_f", "0"));
            org.junit.jupiter.api.Assertions.assertEquals("+OK\r\n", ours.call("FUNCTION", "RESTORE",
                    bulk(ours, "FUNCTION", "DUMP"), "REPLACE"));
            org.junit.jupiter.api.Assertions.assertEquals(theirs.call("FUNCTION", "RESTORE", dump),
                    ours.call("FUNCTION", "RESTORE", dump));
            String ourDump = bulk(ours, "FUNCTION", "DUMP");
            org.junit.jupiter.api.Assertions.assertEquals("+OK\r\n", theirs.call("FUNCTION", "FLUSH"));
            org.junit.jupiter.api.Assertions.assertEquals("+OK\r\n", theirs.call("FUNCTION", "RESTORE", ourDump));
            org.junit.jupiter.api.Assertions.assertEquals(expected, theirs.call("FCALL", "travel_f", "0"));
        } finally {
            node.stop();
        }
    }

    /** A bulk reply's bytes, as ISO-8859-1 text. */
    private static String bulk(RespTestClient c, String... command) throws Exception {
        String reply = c.call(command);
        int start = reply.indexOf("\r\n") + 2;
        return reply.substring(start, reply.length() - 2);
    }

    @Test
    void sessionsMatchRedis() throws Exception {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server not on PATH: scripting differential test SKIPPED ***");
        NodeServer node = NodeServer.start(NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(0));
        try (RealRedis real = RealRedis.start("127.0.0.1", Ports.freeClusterPort("127.0.0.1"));
             RespTestClient theirs = new RespTestClient("127.0.0.1", real.port);
             RespTestClient ours = new RespTestClient("127.0.0.1", node.port())) {
            ReplyDiff diff = new ReplyDiff();
            for (String[] step : SESSION) {
                if (step[0].startsWith("~")) { // sent to both, reply not compared (HELLO tells the client id)
                    String[] sent = step.clone();
                    sent[0] = sent[0].substring(1);
                    theirs.call(sent);
                    ours.call(sent);
                    continue;
                }
                diff.compare(String.join(" ", step), theirs.call(step), ours.call(step));
            }
            diff.assertNone();
        } finally {
            node.stop();
        }
    }
}
