package dev.trib.node.command;

import static dev.trib.node.support.CommandHarness.OK;
import static dev.trib.node.support.CommandHarness.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.support.CommandHarness;
import org.junit.jupiter.api.Test;

class DispatchTest {
    private final CommandHarness h = new CommandHarness();

    @Test
    void unknownCommandsQuoteTheirArguments() {
        assertEquals(error("ERR unknown command 'foo', with args beginning with: 'a' 'b c' "), h.run("foo", "a", "b c"));
        assertEquals(error("ERR unknown command 'foo', with args beginning with: "), h.run("foo"));
        assertEquals(error("ERR unknown command 'x y', with args beginning with: 'a b' "), h.run("x\ny", "a\nb"));
    }

    @Test
    void unknownCommandArgumentsAreCutAt128Bytes() {
        String longArg = "x".repeat(200);
        String expected = "ERR unknown command 'foo', with args beginning with: '" + "x".repeat(128) + "' ";
        assertEquals(error(expected), h.run("foo", longArg, "next"));
        String expected2 = "ERR unknown command 'foo', with args beginning with: '" + "a".repeat(100) + "' '"
                + "b".repeat(25) + "' ";
        assertEquals(error(expected2), h.run("foo", "a".repeat(100), "b".repeat(50), "c"));
    }

    @Test
    void arityIsCheckedAfterExistence() {
        assertEquals(error("ERR wrong number of arguments for 'get' command"), h.run("GET"));
        assertEquals(error("ERR wrong number of arguments for 'get' command"), h.run("get", "a", "b"));
        assertEquals(error("ERR wrong number of arguments for 'set' command"), h.run("SeT", "a"));
        assertEquals(error("ERR wrong number of arguments for 'ping' command"), h.run("ping", "a", "b"));
        assertEquals(error("ERR wrong number of arguments for 'mset' command"), h.run("mset", "a", "b", "c"));
        assertEquals(error("ERR wrong number of arguments for 'hset' command"), h.run("hset", "h", "f", "v", "g"));
        assertEquals(error("ERR wrong number of arguments for 'lpop' command"), h.run("lpop", "l", "1", "2"));
    }

    @Test
    void commandNamesAreCaseInsensitive() {
        assertEquals("+PONG\r\n", h.run("PiNg"));
        assertEquals(OK, h.run("set", "k", "v"));
        assertEquals("$1\r\nv\r\n", h.run("GET", "k"));
    }

    @Test
    void wrongTypeErrorsAreExact() {
        h.run("lpush", "l", "a");
        assertEquals(CommandHarness.WRONGTYPE, h.run("get", "l"));
        assertEquals(CommandHarness.WRONGTYPE, h.run("hget", "l", "f"));
        assertEquals(CommandHarness.WRONGTYPE, h.run("sadd", "l", "m"));
        assertEquals(CommandHarness.WRONGTYPE, h.run("zscore", "l", "m"));
        assertEquals(CommandHarness.WRONGTYPE, h.run("incr", "l"));
    }

    @Test
    void httpRequestsAreDroppedWithoutReply() {
        assertNull(h.run("POST", "/", "HTTP/1.1"));
        assertTrue(h.session.shouldCloseWithoutReply());
    }

    @Test
    void everyCommandTheSliceNeedsIsRegistered() {
        String[] names = ("ping echo select dbsize exists del unlink type keys scan expire pexpire expireat pexpireat "
                + "ttl pttl persist rename renamenx flushall flushdb get set setnx setex psetex getset getdel mget mset "
                + "incr decr incrby decrby incrbyfloat append strlen getrange setrange hset hsetnx hget hmget hdel hlen "
                + "hexists hgetall hkeys hvals hincrby hincrbyfloat hscan lpush rpush lpushx rpushx lpop rpop llen "
                + "lrange lindex lset lrem ltrim linsert sadd srem smembers sismember smismember scard spop "
                + "srandmember sinter sunion sdiff sscan zadd zrem zscore zincrby zcard zcount zrange zrevrange "
                + "zrangebyscore zrank zrevrank zscan").split(" ");
        for (String name : names) {
            assertTrue(h.dispatcher().table().lookup(name) != null, name);
        }
    }

    @Test
    void keyPositionsAreRecordedForCommandInfo() {
        CommandSpec mset = h.dispatcher().table().lookup("mset");
        assertEquals(1, mset.firstKey());
        assertEquals(-1, mset.lastKey());
        assertEquals(2, mset.keyStep());
        CommandSpec rename = h.dispatcher().table().lookup("RENAME");
        assertEquals(2, rename.lastKey());
        assertTrue(h.dispatcher().table().lookup("get").has(CommandFlag.READONLY));
        assertTrue(h.dispatcher().table().lookup("get").has(CommandFlag.FAST));
        assertTrue(h.dispatcher().table().lookup("set").has(CommandFlag.WRITE));
    }

    @Test
    void selectOnlyKnowsDatabaseZero() {
        assertEquals(OK, h.run("select", "0"));
        assertEquals(error("ERR DB index is out of range"), h.run("select", "1"));
        assertEquals(error("ERR value is not an integer or out of range"), h.run("select", "x"));
        assertEquals(error("ERR value is out of range, value must between -2147483648 and 2147483647"),
                h.run("select", "4294967296"));
    }

    @Test
    void quitAsksForTheConnectionToClose() {
        assertEquals(OK, h.run("quit"));
        assertTrue(h.session.shouldCloseAfterReply());
    }
}
