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
        // Compile errors.
        e("#!lua\nreturn 1");
        e("#!lua flags=no-writes\nreturn redis.call('GET', 's')");
        e("#!lua flags=bogus\nreturn 1");
        e("#!lua foo=bar\nreturn 1");
        e("#!python\nreturn 1");
        e("#!lua");
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
        // cjson (objects of several keys: ScriptLua51DifferentialTest).
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
