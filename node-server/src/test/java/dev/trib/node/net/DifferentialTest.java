package dev.trib.node.net;

import static dev.trib.node.support.ReplyDiff.printable;
import static dev.trib.node.support.Resp.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trib.node.support.Resp;
import dev.trib.node.support.ReplyDiff;
import dev.trib.node.support.RespTestClient;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sends the same commands to a real redis-server and to the node, and requires byte-identical
 * replies. The script sticks to deterministic outputs (small hashes, integer sets, single matches
 * for KEYS/SCAN), since Redis's hash-table order is not reproducible.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DifferentialTest {
    private static Process redis;
    private static int redisPort;
    private static NodeServer node;
    private static Path workDir;

    @BeforeAll
    static void startBoth() throws Exception {
        File executable = findOnPath("redis-server");
        Assumptions.assumeTrue(executable != null,
                "*** redis-server is not on PATH: the differential tests against real Redis are SKIPPED ***");
        workDir = Files.createTempDirectory("trib-diff-redis");
        try (ServerSocket probe = new ServerSocket(0)) {
            redisPort = probe.getLocalPort();
        }
        redis = new ProcessBuilder(executable.getPath(), "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", workDir.toString(), "--databases", "1")
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("redis.log").toFile())
                .start();
        waitForPong(redisPort);
        node = NodeServer.start(NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(0));
    }

    @AfterAll
    static void stopBoth() throws Exception {
        if (node != null) {
            node.stop();
        }
        if (redis != null) {
            redis.destroy();
            if (!redis.waitFor(10, TimeUnit.SECONDS)) {
                redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static File findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.isFile() && f.canExecute()) {
                return f;
            }
        }
        return null;
    }

    private static void waitForPong(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (RespTestClient c = new RespTestClient("127.0.0.1", port)) {
                if (c.call("PING").equals("+PONG\r\n")) {
                    return;
                }
            } catch (IOException e) {
                if (!redis.isAlive()) {
                    throw new IllegalStateException("redis-server exited: "
                            + Files.readString(workDir.resolve("redis.log")));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not answer PING");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static String[] cmd(String line) {
        return line.split(" ", -1);
    }

    /**
     * The script: one command per entry, arguments split on single spaces ('~' stands for a space). A line starting
     * with "@2 " or "@3 " is sent on a second or third connection (another client changing a WATCHed key, pushing to
     * a list a client waits on). After that prefix, "&" sends a command that blocks without waiting for its reply:
     * the script goes on once the server lists the connection as blocked, and the reply is read (and compared) before
     * that connection's next command, or at the end.
     */
    private static final List<String[]> SCRIPT = new ArrayList<>();
    private static final List<Integer> CONNECTION = new ArrayList<>();
    private static final List<Boolean> BLOCKS = new ArrayList<>();

    private static void add(String... lines) {
        for (String line : lines) {
            int connection = line.startsWith("@") ? line.charAt(1) - '0' : 1;
            line = connection == 1 ? line : line.substring(3);
            CONNECTION.add(connection);
            BLOCKS.add(line.startsWith("&"));
            String[] args = cmd(line.startsWith("&") ? line.substring(1) : line);
            for (int i = 0; i < args.length; i++) {
                args[i] = args[i].replace('~', ' ').replace("\\0", "\0").replace("\\r", "\r").replace("\\n", "\n");
            }
            SCRIPT.add(args);
        }
    }

    static {
        add("FLUSHALL", "PING", "PING hello", "ECHO bin\\0ary", "SELECT 0", "SELECT 1", "SELECT x", "DBSIZE");
        // strings
        add("SET str hello", "GET str", "GET nokey", "SET str world XX GET", "SET str v NX", "SET str v NX XX",
                "SET str v EX 0", "SET str v EX 100", "TTL str", "SET str v2 KEEPTTL", "TTL str", "PERSIST str",
                "TTL str", "PTTL str", "SET str v PX abc", "SET str v EX 1 PX 2", "SET str v FOO", "SETNX str x",
                "SETNX str2 x", "SETEX sx 100 v", "SETEX sx 0 v", "PSETEX px -1 v", "GETSET str newval", "GETDEL str2",
                "GETDEL str2", "MSET a 1 b 2 c 3", "MGET a b nokey c", "MSET a", "INCR a", "INCRBY a 10", "DECR a",
                "DECRBY a 3", "INCR str", "INCRBY a abc", "INCRBY a 1.5", "SET big 9223372036854775807", "INCR big",
                "DECRBY a -9223372036854775808", "SET sp ~1", "INCR sp");
        add("SET f 10.50", "INCRBYFLOAT f 0.1", "INCRBYFLOAT f -5", "INCRBYFLOAT f 1e-5", "INCRBYFLOAT f 3.0e3",
                "INCRBYFLOAT f 0x10", "INCRBYFLOAT f 1.1e-17", "INCRBYFLOAT nf 0.1", "INCRBYFLOAT nf 0.2",
                "INCRBYFLOAT nf 1e20", "INCRBYFLOAT f abc", "INCRBYFLOAT f inf", "INCRBYFLOAT f ~1", "SET f2 5.0e3",
                "INCRBYFLOAT f2 2.0e2", "INCRBYFLOAT f2 -5200");
        add("APPEND ap Hello", "APPEND ap ~World", "STRLEN ap", "STRLEN nokey", "GETRANGE ap 0 4", "GETRANGE ap -5 -1",
                "GETRANGE ap 10 2", "GETRANGE ap -1 -5", "GETRANGE nokey 0 1", "SETRANGE ap 6 Redis", "GET ap",
                "SETRANGE ap -1 x", "SETRANGE sr 3 abc", "GET sr", "SETRANGE empty 4 ", "EXISTS empty",
                "GETRANGE ap x 1");
        // generic
        add("EXISTS a b nokey a", "TYPE a", "DEL a nokey", "UNLINK b", "EXPIRE c 100", "TTL c", "EXPIRE c 100 NX",
                "EXPIRE c 200 GT", "TTL c", "EXPIRE c 50 LT", "TTL c", "EXPIRE c 300 XX", "EXPIRE c 10 NX XX",
                "EXPIRE c 10 GT LT", "EXPIRE c 10 foo", "EXPIRE c ten", "EXPIRE c 9223372036854775807", "PEXPIREAT c 1",
                "EXISTS c", "EXPIRE nokey 10", "PERSIST nokey", "TTL nokey", "PTTL nokey", "RENAME nokey x", "SET r1 v",
                "RENAME r1 r2", "RENAMENX r2 ap", "RENAMENX r2 r3", "RENAME r3 r3", "KEYS r*", "KEYS h?llo",
                "KEYS [r]3", "SCAN 0 MATCH r3 COUNT 1000", "SCAN 0 COUNT 0", "SCAN abc",
                "SCAN 0 TYPE list MATCH nomatch* COUNT 1000", "SCAN 0 MATCH", "FLUSHALL now");
        // hashes
        add("HSET h f1 v1 f2 v2", "HSET h f1 v1b", "HSETNX h f1 x", "HSETNX h f3 v3", "HGET h f1", "HGET h nof",
                "HGET nokey f", "HMGET h f1 nof f2", "HMGET nokey a", "HLEN h", "HEXISTS h f2", "HEXISTS h nof",
                "HGETALL h", "HKEYS h", "HVALS h", "HINCRBY h n 5", "HINCRBY h n -7", "HINCRBY h f1 1", "HINCRBY h n x",
                "HINCRBYFLOAT h fl 10.5", "HINCRBYFLOAT h fl 0.1", "HINCRBYFLOAT h f1 1", "HINCRBYFLOAT h fl inf",
                "HSCAN h 0", "HSCAN h 7 MATCH f*", "HSCAN h 0 TYPE hash", "HSCAN nokey 0", "HDEL h f1 f2 nof",
                "HGETALL h", "HSET h odd", "HGET str f", "HGETALL nokey");
        // lists
        add("RPUSH l a b c", "LPUSH l z", "LRANGE l 0 -1", "LRANGE l -2 100", "LRANGE l 5 1", "LINDEX l 1",
                "LINDEX l 10", "LINDEX l x", "LSET l 0 Z", "LSET l 10 x", "LSET nol 0 x", "LINSERT l BEFORE b x",
                "LINSERT l AFTER nopivot x", "LINSERT l MIDDLE b x", "LINSERT nol AFTER a b", "LREM l 0 x", "LLEN l",
                "LPOP l", "RPOP l 2", "LPOP l 0", "LPOP nol", "LPOP nol 2", "LPOP l -1", "LPOP l 1 2",
                "RPUSH l2 a a b a", "LREM l2 -1 a", "LRANGE l2 0 -1", "LTRIM l2 0 0", "LRANGE l2 0 -1", "LTRIM l2 5 9",
                "EXISTS l2", "LPUSHX nol x", "RPUSHX l y", "LRANGE l 0 -1", "LPUSH str x");
        // sets
        add("SADD s 3 1 2 3", "SMEMBERS s", "SADD s2 2 3 4", "SINTER s s2", "SUNION s s2", "SDIFF s s2", "SDIFF s s",
                "SINTER s nos", "SUNION nos s", "SISMEMBER s 1", "SISMEMBER s 9", "SMISMEMBER s 1 9 2", "SCARD s",
                "SREM s 1 9", "SSCAN s 0", "SSCAN s 3 MATCH 3", "SSCAN nos 0 COUNT 0", "SRANDMEMBER s 10",
                "SRANDMEMBER s 0", "SPOP s 10", "EXISTS s", "SADD single only", "SPOP single", "SPOP nos", "SPOP nos 2",
                "SRANDMEMBER nos", "SRANDMEMBER nos 3", "SINTER s2 nos", "SADD str x", "SPOP s2 1 2", "SPOP s2 -1",
                "SRANDMEMBER s2 1 2", "SMEMBERS nos", "SADD single a", "SRANDMEMBER single -3", "SINTER nos str");
        // sorted sets
        add("ZADD z 1 a 2 b 3 c", "ZADD z 1.5 a", "ZADD z NX 10 a", "ZADD z XX 10 nope", "ZADD z GT CH 0.5 a 5 b",
                "ZADD z LT 1 b", "ZADD z INCR 2 c", "ZADD z NX XX 1 a", "ZADD z GT LT 1 a", "ZADD z NX GT 1 a",
                "ZADD z INCR 1 a 2 b", "ZADD z 1 a 2", "ZADD z abc a", "ZADD z nan a", "ZADD z 0.1 d", "ZSCORE z d",
                "ZSCORE z a", "ZSCORE z nope", "ZSCORE nokey a", "ZINCRBY z 0.2 d", "ZADD z 1e17 e", "ZSCORE z e",
                "ZADD z -0 negzero", "ZSCORE z negzero", "ZCARD z", "ZRANGE z 0 -1", "ZRANGE z 0 -1 WITHSCORES",
                "ZREVRANGE z 0 1 WITHSCORES", "ZRANGEBYSCORE z (1 5", "ZRANGEBYSCORE z -inf +inf WITHSCORES LIMIT 1 2",
                "ZRANGEBYSCORE z -inf +inf LIMIT -1 2", "ZRANGE z 5 1 BYSCORE REV", "ZRANGE z 0 1 LIMIT 0 1",
                "ZRANGE z 0 1 REV REV", "ZREVRANGE z 0 1 REV", "ZRANGE z (1 ~5 BYSCORE", "ZRANGE z x 1 BYSCORE",
                "ZCOUNT z -inf +inf", "ZCOUNT z (1 3", "ZCOUNT z x 1", "ZCOUNT nokey 0 1", "ZRANK z a", "ZREVRANK z a",
                "ZRANK z nope", "ZSCAN z 0", "ZSCAN z 0 MATCH e", "ZREM z a nope", "ZRANGE nokey 0 -1",
                "ZADD zl 0 a 0 b 0 c 0 d", "ZRANGE zl [b (d BYLEX", "ZRANGE zl + - BYLEX REV LIMIT 1 2",
                "ZRANGE zl a c BYLEX", "ZRANGE zl - + BYLEX WITHSCORES", "ZADD zinf inf m", "ZSCORE zinf m",
                "ZINCRBY zinf -inf m", "ZADD str 1 m", "ZINCRBY z x a");
        // more sorted-set commands: reverse and lex ranges, counts, pops, range removals
        add("FLUSHALL", "ZADD z 1 a 2 b 3 c 4 d 5 e", "ZREVRANGEBYSCORE z +inf -inf", "ZREVRANGEBYSCORE z 4 (2",
                "ZREVRANGEBYSCORE z +inf -inf WITHSCORES LIMIT 1 2", "ZREVRANGEBYSCORE z 1 5", "ZREVRANGEBYSCORE z x 1",
                "ZREVRANGEBYSCORE z 5 1 REV", "ZREVRANGEBYSCORE nokey 5 1", "ZMSCORE z a nope e", "ZMSCORE nokey a b",
                "ZMSCORE z", "ZPOPMIN z", "ZPOPMAX z 2", "ZPOPMIN z 0", "ZPOPMIN z -1", "ZPOPMIN z x", "ZPOPMIN z 1 2",
                "ZPOPMIN nokey", "ZPOPMAX nokey 3", "ZPOPMIN z 10", "EXISTS z", "ZADD zl 0 a 0 b 0 c 0 d 0 e 0 f",
                "ZRANGEBYLEX zl [b (e", "ZRANGEBYLEX zl - + LIMIT 1 2", "ZRANGEBYLEX zl - + WITHSCORES",
                "ZRANGEBYLEX zl a c", "ZREVRANGEBYLEX zl + -", "ZREVRANGEBYLEX zl (e [b",
                "ZREVRANGEBYLEX zl + - LIMIT 0 1", "ZLEXCOUNT zl - +", "ZLEXCOUNT zl [b (d", "ZLEXCOUNT zl (f +",
                "ZLEXCOUNT zl a b", "ZLEXCOUNT nokey - +", "ZREMRANGEBYLEX zl [e +", "ZRANGE zl 0 -1",
                "ZREMRANGEBYLEX zl x y", "ZREMRANGEBYLEX nokey - +", "ZADD zr 1 a 2 b 3 c 4 d 5 e 6 f",
                "ZREMRANGEBYRANK zr 0 0", "ZREMRANGEBYRANK zr -2 -1", "ZREMRANGEBYRANK zr 5 1",
                "ZREMRANGEBYRANK zr x 1", "ZRANGE zr 0 -1 WITHSCORES", "ZREMRANGEBYSCORE zr (2 4",
                "ZREMRANGEBYSCORE zr x 1", "ZRANGE zr 0 -1 WITHSCORES", "ZREMRANGEBYSCORE zr -inf +inf", "EXISTS zr",
                "ZREMRANGEBYRANK nokey 0 -1", "SET str v", "ZPOPMIN str", "ZMSCORE str a", "ZLEXCOUNT str - +",
                "ZREMRANGEBYRANK str 0 1", "ZRANGEBYLEX str - +");
        // number parsing and formatting edge cases
        add("FLUSHALL", "INCRBYFLOAT x 1.0000000000000001", "INCRBYFLOAT x 3.14159265358979323846",
                "INCRBYFLOAT x 1e-20", "INCRBYFLOAT x -0.0", "INCRBYFLOAT x 123456789.123456789", "INCRBYFLOAT y 0.1",
                "INCRBYFLOAT y 0.7", "INCRBYFLOAT y -0.8", "INCRBYFLOAT y 1e300", "INCRBYFLOAT y .5",
                "INCRBYFLOAT y 5.", "INCRBYFLOAT y 1e", "INCRBYFLOAT y 0x1p-2", "ZADD zs 0x1p-2 a", "ZADD zs ~1 b",
                "ZADD zs 1e309 c", "ZADD zs +inf d", "ZADD zs -inf e", "ZADD zs 1e-400 f", "ZADD zs 2.5e-310 g",
                "ZSCORE zs g", "ZADD zs 123456789012345678 h", "ZSCORE zs h", "ZADD zs 0.30000000000000004 i",
                "ZSCORE zs i", "ZRANGE zs 0 -1 WITHSCORES", "ZSCAN zs 0", "ZCOUNT zs  ", "ZCOUNT zs ( (~1",
                "ZCOUNT zs (~0 +inf", "ZCOUNT zs (inf inf", "ZRANGEBYSCORE zs (-inf (inf", "ZRANGEBYSCORE zs 1 0",
                "ZRANGE zs -100 100", "ZRANGE zs 2 1", "GETRANGE x 0 -9223372036854775808",
                "GETRANGE x -9223372036854775808 9223372036854775807", "SETRANGE x 536870912 a",
                "SETRANGE x 536870911 ", "LPUSH ll a", "LINDEX ll -100", "LINDEX ll -1", "SADD ss 1 2",
                "SRANDMEMBER ss -9223372036854775808", "SRANDMEMBER ss 9223372036854775807",
                "SPOP ss 9223372036854775807", "SCAN  MATCH zs COUNT 1000", "SCAN -1 MATCH nothing",
                "SCAN 18446744073709551616", "SCAN 0 COUNT 9223372036854775807 MATCH nothing", "EXPIRE ll +1",
                "EXPIRE ll 01", "PEXPIRE ll -0", "SET k\0bin v", "GET k\0bin", "KEYS k?bin", "ECHO a\r\nb", "SET a~b c",
                "KEYS a[~]b", "KEYS a\\~b", "MSET {t}1 a {t}2 b", "MGET {t}1 {t}2", "EXPIRE {t}1 100 nx",
                "EXPIRE {t}1 100 NX", "SET e1 v EXAT 1", "GET e1", "SET e2 v PXAT 9999999999999", "TTL e2", "GETDEL e2",
                "SET e3 v EX 9223372036854775", "SET e4 v EX 9223372036854776", "SET e5 v PX 9223372036854775807",
                "SELECT -1", "SELECT 2147483648", "SELECT 0x0");
        // transactions: queueing, refusals that abort EXEC, errors in place, WATCH against a second client
        add("FLUSHALL", "MULTI", "SET tx 1", "MULTI", "WATCH x", "UNWATCH", "FOO", "GET", "INCR tx", "EXEC", "EXEC",
                "DISCARD", "GET tx", "MULTI", "SET tx x", "INCR tx", "SET tx 1 NX XX", "LPUSH tx 1", "GET tx", "EXEC",
                "MULTI", "EXEC", "MULTI", "DISCARD", "DISCARD", "WATCH", "UNWATCH x", "EXEC x", "MULTI", "EXEC x",
                "MULTI x", "DISCARD x", "MULTI", "CONFIG FOO", "EXEC", "MULTI", "MULTI", "SET tx 2", "EXEC", "MULTI",
                "PING", "ECHO hi", "SELECT 0", "DBSIZE", "EXEC", "MULTI", "SET tx 3", "DISCARD x", "EXEC");
        add("SET w 1", "WATCH w", "@2 SET w 2", "MULTI", "SET w 3", "EXEC", "GET w", "WATCH w", "MULTI", "INCR w",
                "EXEC", "WATCH w nokey", "@2 SET other x", "MULTI", "GET w", "EXEC", "WATCH nokey", "@2 SET nokey v",
                "MULTI", "GET nokey", "EXEC", "WATCH w", "@2 DEL w", "MULTI", "PING", "EXEC", "SET w 1", "WATCH w",
                "SET w 5", "MULTI", "GET w", "EXEC", "WATCH w", "MULTI", "EXEC", "@2 SET w 9", "MULTI", "GET w", "EXEC",
                "WATCH w", "MULTI", "DISCARD", "@2 SET w 1", "MULTI", "EXEC", "WATCH w", "UNWATCH", "@2 SET w 2",
                "MULTI", "EXEC", "WATCH w", "@2 FLUSHALL", "MULTI", "PING", "EXEC", "WATCH nokey", "@2 FLUSHALL",
                "MULTI", "PING", "EXEC", "SET w 1", "WATCH w", "@2 EXPIRE w 100", "MULTI", "TTL w", "EXEC", "WATCH w",
                "MULTI", "@2 MULTI", "@2 INCR w", "@2 EXEC", "INCR w", "EXEC", "GET w");
        // permissions checked again by EXEC: changed since queueing, the command gets NOPERM in its place
        add("@2 ACL SETUSER tu on >pw +@all ~*", "AUTH tu pw", "MULTI", "SET k 1", "GET k", "SET other 1",
                "@2 ACL SETUSER tu -set resetkeys ~k", "EXEC", "MULTI", "GET k", "GET other", "EXEC", "AUTH default x",
                "@2 ACL DELUSER tu", "ACL WHOAMI");
        // RESET: the connection as new (transaction, watches, name, user)
        add("CLIENT SETNAME conn1", "SET w 1", "WATCH w", "MULTI", "SET r 1", "RESET", "EXEC", "GET r",
                "CLIENT GETNAME", "@2 SET w 2", "MULTI", "PING", "EXEC", "@2 ACL SETUSER ru on >pw +@all ~*",
                "AUTH ru pw", "ACL WHOAMI", "RESET", "ACL WHOAMI", "RESET x", "@2 ACL DELUSER ru");
        // writes that change nothing do not disturb a WATCH; one that does, in the same batch, still does
        add("SADD wset a", "HSET whash f v", "WATCH w nokey wset whash", "@2 DEL nokey", "@2 UNLINK nokey",
                "@2 SADD wset a", "@2 SREM wset zz", "@2 HDEL whash nof", "@2 HSETNX whash f x", "@2 PERSIST w",
                "@2 EXPIRE nokey 10", "@2 EXPIRE w 10 XX", "@2 ZREM wset a", "@2 SET w x NX", "@2 SET nokey x XX",
                "@2 SET w y NX GET", "@2 SETNX w z", "@2 SET nokey x XX EX 10", "@2 LPUSHX nokey a",
                "@2 LREM nokey 0 a", "@2 RENAMENX w wset", "@2 RENAME w w", "@2 MSETNX w 1 nokey 2",
                "@2 SMOVE wset wset a", "@2 SMOVE nokey wset a", "@2 COPY nokey w", "@2 COPY w wset", "@2 LPOP nokey",
                "@2 RPOP nokey 2", "@2 GETDEL nokey", "@2 SPOP nokey", "@2 SPOP wset 0", "@2 ZPOPMIN nokey",
                "@2 LMOVE nokey w LEFT LEFT", "@2 ZREMRANGEBYRANK nokey 0 -1", "MULTI", "PING", "EXEC", "WATCH wset",
                "@2 SADD wset a b", "MULTI", "PING", "EXEC", "WATCH whash", "@2 HDEL whash f nof", "MULTI", "PING",
                "EXEC");
        // keys, strings and hashes added with transactions: COPY, TOUCH, GETEX, HSTRLEN
        add("FLUSHALL", "SET c1 v EX 100", "COPY c1 c2", "TTL c2", "GET c2", "COPY c1 c2", "COPY c1 c2 REPLACE",
                "COPY c1 c1", "COPY nokey c3", "COPY c1 c3 DB 0", "COPY c1 c3 DB 1", "COPY c1 c3 DB x", "COPY c1 c3 DB",
                "COPY c1 c3 FOO", "COPY c1 c3 REPLACE REPLACE", "RPUSH cl a b c", "COPY cl cl2", "RPUSH cl2 d",
                "LRANGE cl 0 -1", "LRANGE cl2 0 -1", "ZADD cz 1 a 2 b", "COPY cz cz2", "ZRANGE cz2 0 -1 WITHSCORES",
                "COPY c1", "TOUCH c1 c2 nokey c1", "TOUCH", "RANDOMKEY x", "SET g v", "GETEX g", "GETEX g EX 100",
                "TTL g", "GETEX g PERSIST", "TTL g", "GETEX g PX 5000 EX 5", "GETEX g EX 0", "GETEX g EX -1",
                "GETEX g EX x", "GETEX g PERSIST EX 10", "GETEX g EX 10 PERSIST", "GETEX g NX", "GETEX g KEEPTTL",
                "GETEX g EXAT 1", "EXISTS g", "GETEX nokey EX x", "GETEX cl", "GETEX c1 PXAT 99999999999999",
                "PERSIST c1", "GETEX", "TIME x", "HSET hs f hello n 12", "HSTRLEN hs f", "HSTRLEN hs n", "HSTRLEN hs x",
                "HSTRLEN nokey f", "HSTRLEN cl f", "HSTRLEN hs", "HRANDFIELD nokey", "HRANDFIELD nokey 3",
                "HRANDFIELD hs 0", "HRANDFIELD hs 1 WITHVALUES x", "HRANDFIELD hs 1 FOO", "HRANDFIELD hs x",
                "HRANDFIELD hs -9223372036854775808", "HRANDFIELD hs 4611686018427387904 WITHVALUES", "HRANDFIELD cl",
                "HRANDFIELD cl 1", "HSET one f v", "HRANDFIELD one", "HRANDFIELD one -3 WITHVALUES",
                "HRANDFIELD one 5 WITHVALUES");
        // lists and sets: LPOS, LMOVE, RPOPLPUSH, SMOVE, the STORE forms, SINTERCARD
        add("FLUSHALL", "RPUSH lp a b c 1 2 3 c c", "LPOS lp c", "LPOS lp c RANK 2", "LPOS lp c RANK -1",
                "LPOS lp c RANK -2 COUNT 2", "LPOS lp c COUNT 0", "LPOS lp c COUNT 2 MAXLEN 3", "LPOS lp c MAXLEN 2",
                "LPOS lp z", "LPOS lp z COUNT 1", "LPOS nokey a", "LPOS nokey a COUNT 0", "LPOS lp c RANK 0",
                "LPOS lp c COUNT -1", "LPOS lp c MAXLEN -1", "LPOS lp c COUNT x", "LPOS lp c RANK x",
                "LPOS lp c RANK -9223372036854775808", "LPOS lp c RANK", "LPOS lp c FOO 1", "LPOS lp c RANK 9 COUNT 0",
                "LPOS lp", "SET str v", "LPOS str a", "LMOVE lp lq LEFT RIGHT", "LMOVE lp lq RIGHT LEFT",
                "LRANGE lq 0 -1", "LMOVE lp lp LEFT RIGHT", "LRANGE lp 0 -1", "LMOVE lp lq UP LEFT",
                "LMOVE lp str LEFT LEFT", "LMOVE str lp LEFT LEFT", "LMOVE nokey lq LEFT LEFT",
                "LMOVE nokey str LEFT LEFT", "RPOPLPUSH lq lr", "RPOPLPUSH lq lr", "RPOPLPUSH lq lr", "EXISTS lq",
                "LRANGE lr 0 -1", "RPUSH single x", "RPOPLPUSH single single", "LRANGE single 0 -1", "RPOPLPUSH single",
                "SADD s1 1 2 3", "SADD s2 3 4", "SADD sw a b", "SMOVE s1 s2 1", "SMOVE s1 s2 9", "SMOVE s1 s1 2",
                "SMOVE s1 s1 9", "SMOVE nokey s2 1", "SMOVE nokey str 1", "SMOVE s1 str 2", "SMOVE str s1 2",
                "SMOVE s2 s3 4", "SMOVE s2 sw 3", "SMEMBERS s3", "SMOVE s1 s1", "SADD m 1", "SMOVE m mnew 1",
                "EXISTS m", "SMEMBERS mnew", "SADD a1 1 2 3 4", "SADD a2 3 4 5", "SINTERSTORE d a1 a2", "SMEMBERS d",
                "SUNIONSTORE d a1 a2", "SMEMBERS d", "SDIFFSTORE d a1 a2", "SMEMBERS d", "SINTERSTORE d a1 nokey",
                "EXISTS d", "SET d v EX 100", "SUNIONSTORE d a2", "TTL d", "SDIFFSTORE d nokey a1", "EXISTS d",
                "SINTERSTORE d a1 str", "SUNIONSTORE d str", "SDIFFSTORE d", "SUNIONSTORE a1 a1 a2", "SMEMBERS a1",
                "SINTERCARD 2 a1 a2", "SINTERCARD 2 a1 a2 LIMIT 1", "SINTERCARD 2 a1 a2 LIMIT 0", "SINTERCARD 1 a1",
                "SINTERCARD 2 a1 nokey", "SINTERCARD 0 a1", "SINTERCARD x a1", "SINTERCARD -1 a1", "SINTERCARD 3 a1 a2",
                "SINTERCARD 2 a1 a2 LIMIT -1", "SINTERCARD 2 a1 a2 LIMIT x", "SINTERCARD 2 a1 a2 FOO",
                "SINTERCARD 2 a1 a2 LIMIT", "SINTERCARD 2 a1 str", "SINTERCARD 1");
        // LMPOP and ZMPOP: the first key holding a value, COUNT, wrong types met in order
        add("FLUSHALL", "RPUSH ml a b c d", "ZADD mz 1 a 2 b 3 c", "SET str v", "LMPOP 2 nokey ml LEFT",
                "LMPOP 2 ml nokey RIGHT COUNT 2", "LMPOP 1 ml LEFT COUNT 10", "EXISTS ml", "LMPOP 1 ml LEFT",
                "LMPOP 2 str ml LEFT", "RPUSH ml x", "LMPOP 2 ml str LEFT", "LMPOP 0 ml LEFT", "LMPOP x ml LEFT",
                "LMPOP -1 ml LEFT", "LMPOP 2 ml LEFT", "LMPOP 1 ml UP", "LMPOP 1 ml LEFT COUNT 0",
                "LMPOP 1 ml LEFT COUNT x", "LMPOP 1 ml LEFT COUNT 1 COUNT 1", "LMPOP 1 ml LEFT FOO",
                "LMPOP 1 ml LEFT COUNT", "LMPOP 1 ml", "ZMPOP 2 nokey mz MIN", "ZMPOP 1 mz MAX COUNT 2",
                "ZMPOP 1 mz MIN COUNT 5", "EXISTS mz", "ZMPOP 1 mz MIN", "ZMPOP 2 str mz MIN", "ZADD mz 1.5 q",
                "ZMPOP 2 mz str MIN", "ZMPOP 0 mz MIN", "ZMPOP 1 mz LEFT", "ZMPOP 1 mz MIN COUNT -1", "ZMPOP 3 mz MIN",
                "ZMPOP 1 mz MIN COUNT 1 FOO", "SADD mset a", "ZMPOP 1 mset MIN");
        // sorted-set algebra: ZUNION/ZINTER/ZDIFF, STORE forms, ZINTERCARD, ZRANGESTORE, ZRANDMEMBER
        add("FLUSHALL", "ZADD za 1 a 2 b 3 c", "ZADD zb 10 b 20 c 30 d", "SADD sa a d x", "ZUNION 2 za zb",
                "ZUNION 2 za zb WITHSCORES", "ZUNION 3 za zb sa WITHSCORES", "ZUNION 2 za zb WEIGHTS 2 0.5 WITHSCORES",
                "ZUNION 2 za zb AGGREGATE MIN WITHSCORES", "ZUNION 2 za zb AGGREGATE MAX WITHSCORES",
                "ZUNION 2 za zb AGGREGATE FOO", "ZUNION 2 za zb WEIGHTS 1", "ZUNION 2 za zb WEIGHTS 1 x",
                "ZUNION 2 za zb WEIGHTS 1 nan", "ZUNION 0 za", "ZUNION -1 za", "ZUNION x za", "ZUNION 3 za zb",
                "ZUNION 1 nokey", "ZUNION 1 str", "ZUNION 2 za str", "ZINTER 2 za zb WITHSCORES",
                "ZINTER 2 za zb WEIGHTS 1 -1 AGGREGATE SUM WITHSCORES", "ZINTER 2 za sa WITHSCORES",
                "ZINTER 2 za nokey", "ZINTER 2 za za WITHSCORES", "ZDIFF 2 za zb WITHSCORES", "ZDIFF 2 za sa",
                "ZDIFF 1 za WITHSCORES", "ZDIFF 2 za zb WEIGHTS 1 1", "ZDIFF 2 za zb AGGREGATE SUM", "ZDIFF 2 nokey za",
                "ZDIFF 0 za", "ZADD zi 1 x", "ZADD zi2 inf x", "ZADD zi3 -inf x", "ZUNION 2 zi2 zi3 WITHSCORES",
                "ZINTER 2 zi2 zi3 WITHSCORES", "ZUNION 2 zi2 zi WEIGHTS 0 1 WITHSCORES", "ZUNIONSTORE zd 2 za zb",
                "ZRANGE zd 0 -1 WITHSCORES", "ZINTERSTORE zd 2 za zb WEIGHTS 2 3 AGGREGATE MAX",
                "ZRANGE zd 0 -1 WITHSCORES", "ZDIFFSTORE zd 2 za zb", "ZRANGE zd 0 -1 WITHSCORES",
                "ZINTERSTORE zd 2 za nokey", "EXISTS zd", "ZUNIONSTORE zd 2 za zb WITHSCORES", "ZUNIONSTORE zd 0 za",
                "ZUNIONSTORE zd 3 za zb", "ZUNIONSTORE zd", "ZUNIONSTORE zd 1 str", "ZUNIONSTORE str 1 za", "TYPE str",
                "ZUNIONSTORE za 2 za zb", "ZRANGE za 0 -1 WITHSCORES", "ZINTERCARD 2 za zb",
                "ZINTERCARD 2 za zb LIMIT 1", "ZINTERCARD 2 za zb LIMIT 0", "ZINTERCARD 2 za zb LIMIT -1",
                "ZINTERCARD 2 za zb WITHSCORES", "ZINTERCARD 2 za zb WEIGHTS 1 1", "ZINTERCARD 0 za",
                "ZINTERCARD 1 nokey", "ZINTERCARD 2 za sa", "ZINTERCARD 2 za str", "ZADD zr 1 a 2 b 3 c 4 d 5 e",
                "ZRANGESTORE zo zr 1 3", "ZRANGE zo 0 -1 WITHSCORES", "ZRANGESTORE zo zr (2 +inf BYSCORE LIMIT 1 2",
                "ZRANGE zo 0 -1 WITHSCORES", "ZRANGESTORE zo zr 4 1 BYSCORE REV", "ZRANGE zo 0 -1",
                "ZRANGESTORE zo zr [b (d BYLEX", "ZRANGE zo 0 -1", "ZRANGESTORE zo zr 0 -1 WITHSCORES",
                "ZRANGESTORE zo zr 5 9", "EXISTS zo", "ZRANGESTORE zo nokey 0 -1", "ZRANGESTORE zo str 0 -1",
                "ZRANGESTORE str zr 0 0", "TYPE str", "ZRANGESTORE zo zr 0 1 LIMIT 0 1", "ZRANGESTORE zo zr x 1",
                "ZRANGESTORE zo zr 0", "ZRANDMEMBER nokey", "ZRANDMEMBER nokey 2", "ZRANDMEMBER zr 0",
                "ZRANDMEMBER zr 1 WITHSCORES x", "ZRANDMEMBER zr 1 FOO", "ZRANDMEMBER zr x", "ZRANDMEMBER sa",
                "ZADD zone 2.5 only", "ZRANDMEMBER zone", "ZRANDMEMBER zone -2 WITHSCORES",
                "ZRANDMEMBER zone 3 WITHSCORES", "ZRANDMEMBER zr -9223372036854775807 WITHSCORES");
        // older and smaller forms: HMSET, MSETNX, SUBSTR, EXPIRETIME, PEXPIRETIME
        add("FLUSHALL", "HMSET hm a 1 b 2", "HMSET hm a 3", "HGETALL hm", "HMSET hm a", "HMSET hm", "SET str v",
                "HMSET str a 1", "MSETNX n1 1 n2 2", "MGET n1 n2", "MSETNX n2 x n3 y", "EXISTS n3", "MSETNX n4",
                "MSETNX n4 1 n5", "MSETNX n4 1 n4 2", "GET n4", "MSETNX", "SET sub Hello~World", "SUBSTR sub 0 4",
                "SUBSTR sub -5 -1", "SUBSTR sub 9 2", "SUBSTR nokey 0 1", "SUBSTR sub x 1", "SUBSTR hm 0 1",
                "SUBSTR sub 0", "SET et v EXAT 4000000000", "EXPIRETIME et", "PEXPIRETIME et",
                "PEXPIREAT et 4000000000499", "EXPIRETIME et", "PEXPIREAT et 4000000000500", "EXPIRETIME et",
                "PEXPIRETIME et", "EXPIRETIME str", "PEXPIRETIME str", "EXPIRETIME nokey", "PEXPIRETIME nokey",
                "EXPIRETIME", "PEXPIRETIME a b");
        // bitmaps: SETBIT, GETBIT, BITCOUNT, BITPOS in bytes and in bits
        add("FLUSHALL", "SETBIT b 7 1", "GET b", "SETBIT b 7 0", "SETBIT b 100 1", "STRLEN b", "GETBIT b 100",
                "GETBIT b 99", "GETBIT b 100000", "GETBIT nokey 3", "SETBIT b -1 1", "SETBIT b x 1", "SETBIT b 1 2",
                "SETBIT b 1 -1", "SETBIT b 1 x", "SETBIT b 4294967296 1", "SETBIT b 4294967295 x", "GETBIT b -1",
                "GETBIT b 4294967296", "SET str v", "SETBIT str 0 1", "GET str", "RPUSH lst a", "SETBIT lst 0 1",
                "GETBIT lst 0", "BITCOUNT lst", "BITPOS lst 1", "SETBIT nb 0 0", "GET nb", "SET bc foobar",
                "BITCOUNT bc", "BITCOUNT bc 0 0", "BITCOUNT bc 1 1", "BITCOUNT bc 1 -2", "BITCOUNT bc -3 -1",
                "BITCOUNT bc -1 -3", "BITCOUNT bc -100 -200", "BITCOUNT bc 5 30 BIT", "BITCOUNT bc 0 -1 BIT",
                "BITCOUNT bc -7 -2 BIT", "BITCOUNT bc 3 3 BIT", "BITCOUNT bc 0 1 BYTE", "BITCOUNT bc 0 1 FOO",
                "BITCOUNT bc 0", "BITCOUNT bc 0 1 BIT x", "BITCOUNT bc x 1", "BITCOUNT bc 100 200", "BITCOUNT nokey",
                "BITCOUNT nokey 0", "BITCOUNT nokey x y", "BITCOUNT", "SET bp \0\0\0", "BITPOS bp 1", "BITPOS bp 0",
                "SET bp2 \u00ff\u00f0\\0", "BITPOS bp2 0", "BITPOS bp2 1 2", "BITPOS bp2 0 1", "BITPOS bp2 0 0 0",
                "BITPOS bp2 1 1 1", "BITPOS bp2 1 12 -1 BIT", "BITPOS bp2 0 0 11 BIT", "BITPOS bp2 0 5 7 BIT",
                "BITPOS bp2 1 -9 -1 BIT", "BITPOS bp2 0 3 2", "BITPOS bp2 2", "BITPOS bp2 x", "BITPOS bp2 1 x",
                "BITPOS bp2 1 0 x", "BITPOS bp2 1 0 1 FOO", "BITPOS bp2 1 0 1 BYTE x", "BITPOS nokey 1",
                "BITPOS nokey 0", "BITPOS nokey 0 x", "BITPOS nokey 2", "SET ones \u00ff\u00ff", "BITPOS ones 0",
                "BITPOS ones 0 0", "BITPOS ones 0 0 -1", "BITPOS ones 0 0 15 BIT", "BITPOS bc 1 -100 -50",
                "BITPOS bc 0 100", "BITPOS bc 1 2 -1 BIT", "SETRANGE emp 0 x", "BITPOS bp", "GETBIT b", "SET o1 foobar",
                "SET o2 abcdef~xy", "BITOP AND od o1 o2", "GET od", "BITOP OR od o1 o2", "GET od",
                "BITOP XOR od o1 o2 o1", "GET od", "BITOP NOT od o1", "GET od", "BITOP NOT od o1 o2", "BITOP NOT od",
                "BITOP FOO od o1", "BITOP AND od nokey", "EXISTS od", "SET od v EX 100", "BITOP OR od nokey o1",
                "TTL od", "GET od", "BITOP AND od o1 nokey", "GET od", "BITOP OR od o1 lst", "BITOP OR lst o1",
                "TYPE lst", "BITOP and od o1", "BITOP", "BITOP AND od");
        // larger structures, past the compact encodings, where order is still defined
        for (int i = 0; i < 200; i++) {
            add("ZADD bigz " + (i % 37) + "." + (i % 3) + " m" + i);
            add("RPUSH bigl v" + (i % 17));
            add("SADD bigs " + (i * 7));
        }
        add("ZCARD bigz", "ZRANGE bigz 0 -1 WITHSCORES", "ZRANGE bigz 10 20", "ZREVRANGE bigz 0 5 WITHSCORES",
                "ZRANGEBYSCORE bigz (3 10.1 LIMIT 5 7", "ZRANGE bigz 30 (5 BYSCORE REV LIMIT 2 9 WITHSCORES",
                "ZCOUNT bigz 5 (20", "ZRANK bigz m77", "ZREVRANK bigz m77", "ZINCRBY bigz 100 m3", "ZRANK bigz m3",
                "ZREM bigz m1 m2 m3 m4", "ZRANGE bigz -3 -1", "LLEN bigl", "LRANGE bigl 50 60", "LINDEX bigl 150",
                "LREM bigl 5 v3", "LREM bigl -2 v4", "LINSERT bigl AFTER v16 inserted", "LTRIM bigl 10 -10",
                "LRANGE bigl 0 -1", "SCARD bigs", "SISMEMBER bigs 700", "SISMEMBER bigs 701",
                "SMISMEMBER bigs 0 7 8 1393", "SREM bigs 0 7 14", "SCARD bigs");
        add("SET big " + "x".repeat(100_000), "STRLEN big", "APPEND big " + "y".repeat(70_000), "GETRANGE big 99990 100010");
        // blocking commands: served at once, argument errors in Redis's order, timeouts, wrong types
        add("BLPOP", "BLPOP bl", "BLPOP bl x", "BLPOP bl -1", "BLPOP bl inf", "BLPOP bl nan", "BLPOP bl 1e16",
                "BLPOP bl ~1", "BLPOP bl 1e400", "BLPOP bl 0x0.1p-3", "BLPOP bl -1.5", "RPUSH bl a b c",
                "BLPOP nokey bl 0", "BRPOP bl 0", "BLPOP bl 0.01", "EXISTS bl", "BLPOP bl 0.01", "SET bstr x",
                "BLPOP bstr 0", "BLPOP nokey bstr 0", "BRPOP bl bstr 0.01", "BZPOPMIN bstr 0", "BZPOPMIN bstr x",
                "BLMOVE bstr bdst left left 0", "BLMOVE bl bdst up left 0", "BLMOVE bl bdst left left -1",
                "BLMOVE bl bdst left left", "BRPOPLPUSH bl bdst x", "BRPOPLPUSH bstr bdst 0", "BLMPOP 0 0 bl LEFT",
                "BLMPOP x 1 bl LEFT", "BLMPOP 0 2 bl LEFT", "BLMPOP 0 1 bl UP", "BLMPOP 0 1 bl LEFT COUNT 0",
                "BLMPOP -1 1 bl LEFT", "BLMPOP 0 1 bl LEFT COUNT 2 COUNT 3", "BLMPOP 0 1 bstr LEFT",
                "BLMPOP 0.01 1 bl LEFT", "BZMPOP 0 1 bz MIN COUNT -1", "BZMPOP 0 1 bz MID", "BZMPOP 0.01 1 bz MAX",
                "RPUSH bl x y z", "BLMPOP 0 2 nokey bl RIGHT COUNT 2", "BLMOVE bl bdst RIGHT LEFT 0", "EXISTS bl",
                "BLMOVE bl bdst left left 0.01", "RPUSH bdst q", "BRPOPLPUSH bdst bdst 0", "LRANGE bdst 0 -1",
                "BRPOPLPUSH bl bdst 0.01", "RPUSH bl 1", "BLMOVE bl bstr left left 0", "LRANGE bl 0 -1",
                "ZADD bz 1 a 2 b 3 c", "BZPOPMIN nokey bz 0", "BZPOPMAX bz 0", "BZMPOP 0 1 bz MIN COUNT 5",
                "BZPOPMIN bz 0.01", "ZADD bz 1.5 x", "BZMPOP 1 2 bz nokey MAX", "EXISTS bz");
        // waiting until another client pushes (or renames a list into place), first come first served
        add("&BLPOP bw 0", "@2 RPUSH bw a", "LLEN bw", "&BRPOP bw1 bw2 0", "@2 RPUSH bw2 x y", "LRANGE bw2 0 -1",
                "&BLMOVE bw3 bwdst left right 0", "@2 LPUSH bw3 v w", "LRANGE bwdst 0 -1", "LRANGE bw3 0 -1",
                "&BRPOPLPUSH bw4 bwdst 0", "@2 RPUSH bw4 r", "LRANGE bwdst 0 -1",
                "&BLMPOP 0 2 bw5 bw6 LEFT COUNT 3", "@2 RPUSH bw6 1 2 3 4", "LRANGE bw6 0 -1",
                "&BZPOPMIN bzw 0", "@2 ZADD bzw 2 b 1 a", "ZRANGE bzw 0 -1", "&BZMPOP 0 1 bzw2 MAX COUNT 2",
                "@2 ZADD bzw2 1 a 2 b 3 c", "ZRANGE bzw2 0 -1 WITHSCORES", "&BZPOPMAX bzw3 0",
                "@2 ZADD bzw3 1.5 m", "&BLPOP q 0", "@3 &BLPOP q 0", "@2 RPUSH q first", "@2 RPUSH q second",
                "@2 LLEN q", "&BLPOP q2 0", "@3 &BRPOP q2 0", "@2 RPUSH q2 a b c", "@2 LRANGE q2 0 -1",
                "&BLPOP m1 m2 0", "@2 MULTI", "@2 RPUSH m2 x", "@2 RPUSH m1 y", "@2 EXEC", "LRANGE m1 0 -1",
                "&BZPOPMIN t 0", "@2 RPUSH t a", "@2 DEL t", "@2 ZADD t 5 m", "EXISTS t", "@2 SET wdst x",
                "&BLMOVE src2 wdst left left 0", "@2 RPUSH src2 e", "LRANGE src2 0 -1", "@2 RPUSH rsrc r",
                "&BLPOP rdst 0", "@2 RENAME rsrc rdst", "EXISTS rdst", "&BLMOVE chain1 chain2 left left 0",
                "@3 &BLPOP chain2 0", "@2 RPUSH chain1 c", "EXISTS chain1 chain2", "&BLPOP dup dup 0",
                "@2 RPUSH dup d", "&BLPOP exp 0", "@2 MULTI", "@2 RPUSH exp x", "@2 DEL exp", "@2 EXEC",
                "@2 RPUSH exp z");
        // inside MULTI the non-blocking forms; CLIENT UNBLOCK's errors
        add("MULTI", "BLPOP nokey 0", "BLMOVE nokey d left left 0", "BRPOPLPUSH nokey d 0", "BZPOPMIN nokey 0",
                "BLMPOP 0 1 nokey LEFT", "BZMPOP 0 1 nokey MIN", "BLPOP nokey x", "EXEC", "BLPOP nokey 0.1",
                "BZPOPMAX nokey .05", "CLIENT UNBLOCK 999999", "CLIENT UNBLOCK 999999 ERROR", "CLIENT UNBLOCK x",
                "CLIENT UNBLOCK 1 foo", "CLIENT UNBLOCK 1 timeout 3");
        // ACL channel rules: channels match the user's patterns, PSUBSCRIBE's patterns must be one of them
        add("ACL SETUSER chu on nopass +@all allkeys resetchannels &news.* &exact", "@3 AUTH chu x",
                "@3 PUBLISH news.1 m", "@3 PUBLISH other m", "@3 SPUBLISH other m", "@3 SPUBLISH exact m",
                "@3 PSUBSCRIBE news.1", "@3 PSUBSCRIBE news.*", "@3 SUBSCRIBE other", "@3 SSUBSCRIBE other",
                "@3 SUBSCRIBE exact", "@3 PUNSUBSCRIBE", "@3 UNSUBSCRIBE", "@3 RESET",
                "AUTH chu x", "MULTI", "PUBLISH exact m", "@2 ACL SETUSER chu resetchannels &news.*", "EXEC",
                "PUBLISH exact m", "RESET", "ACL DELUSER chu");
        // replies that are maps or sets in RESP3
        add("CONFIG GET maxmemory", "CONFIG GET nosuchparameter", "ACL GETUSER default", "ACL GETUSER nosuchuser");
        // wrap-up
        add("TYPE z", "TYPE h", "TYPE l", "TYPE s2", "TYPE nokey", "DBSIZE", "KEYS zin*", "FLUSHDB", "DBSIZE",
                "foo bar baz", "GET", "get a b", "Ping", "QUIT");
    }

    /**
     * The whole script in RESP2, then again with every connection in RESP3 (HELLO 3, and again after each RESET,
     * which goes back to RESP2): maps, sets, doubles, nulls and verbatim strings must be redis-server's too.
     */
    @ParameterizedTest(name = "RESP{0}")
    @ValueSource(ints = {2, 3})
    void theScriptGetsIdenticalReplies(int protocol) throws Exception {
        ReplyDiff diff = new ReplyDiff();
        List<Connection> connections = new ArrayList<>();
        try (RespTestClient realControl = new RespTestClient("127.0.0.1", redisPort);
             RespTestClient ourControl = new RespTestClient("127.0.0.1", node.port())) {
            for (int c = 0; c < 3; c++) {
                Connection connection = new Connection(new RespTestClient("127.0.0.1", redisPort),
                        new RespTestClient("127.0.0.1", node.port()));
                connection.speak(protocol);
                connections.add(connection);
            }
            for (int i = 0; i < SCRIPT.size(); i++) {
                String[] command = SCRIPT.get(i);
                Connection c = connections.get(CONNECTION.get(i) - 1);
                c.readPending(diff);
                if (BLOCKS.get(i)) {
                    c.real.send(dev.trib.node.support.Resp.command(command));
                    awaitBlocked(realControl, c.realId);
                    c.ours.send(dev.trib.node.support.Resp.command(command));
                    awaitBlocked(ourControl, c.ourId);
                    c.pending.add(String.join(" ", command));
                } else {
                    diff.compare(String.join(" ", command), call(c.real, "redis", command),
                            call(c.ours, "node", command));
                    if (command.length == 1 && command[0].equalsIgnoreCase("RESET")) {
                        c.speak(protocol);
                    }
                }
            }
            for (Connection c : connections) {
                c.readPending(diff);
            }
        } finally {
            for (Connection c : connections) {
                c.real.close();
                c.ours.close();
            }
        }
        assertTrue(SCRIPT.size() >= 100, "script size " + SCRIPT.size());
        diff.assertNone();
    }

    private static String call(RespTestClient client, String server, String[] command) throws IOException {
        try {
            return client.call(command);
        } catch (SocketTimeoutException e) {
            throw new AssertionError(server + " did not answer " + String.join(" ", command), e);
        }
    }

    /** One client of the script, on both servers, with the blocking commands it sent and has no reply to yet. */
    private static final class Connection {
        final RespTestClient real;
        final RespTestClient ours;
        final String realId;
        final String ourId;
        final List<String> pending = new ArrayList<>();

        Connection(RespTestClient real, RespTestClient ours) throws IOException {
            this.real = real;
            this.ours = ours;
            this.realId = real.call("CLIENT", "ID").trim().substring(1);
            this.ourId = ours.call("CLIENT", "ID").trim().substring(1);
        }

        /** HELLO 3 on both sides (not compared: ids and versions differ); RESP2 is where connections start. */
        void speak(int protocol) throws IOException {
            if (protocol != 2) {
                real.call("HELLO", Integer.toString(protocol));
                ours.call("HELLO", Integer.toString(protocol));
            }
        }

        void readPending(ReplyDiff diff) throws IOException {
            for (String sent : pending) {
                diff.compare(sent, real.readReply(), ours.readReply());
            }
            pending.clear();
        }
    }

    /** Polls CLIENT LIST until the client with this id shows as blocked (flag b). */
    private static void awaitBlocked(RespTestClient control, String id) throws Exception {
        dev.trib.node.support.Poll.until(java.time.Duration.ofSeconds(30), "client " + id + " blocked",
                () -> control.call("CLIENT", "LIST", "ID", id).contains(" flags=b"));
    }

    /**
     * RANDOMKEY, HRANDFIELD, ZRANDMEMBER and TIME cannot be compared byte for byte: both servers' replies must have
     * the same shape and hold only what the data allows (distinct elements for a positive count, values and scores
     * that belong to their element, a clock within seconds of the other's).
     */
    @Test
    void randomRepliesHaveRedisShape() throws Exception {
        for (int port : new int[] {redisPort, node.port()}) {
            try (RespTestClient c = new RespTestClient("127.0.0.1", port)) {
                c.call("FLUSHALL");
                assertEquals("$-1\r\n", c.call("RANDOMKEY"), "port " + port);
                c.call("MSET", "k1", "a", "k2", "b", "k3", "c");
                c.call("HSET", "h", "f1", "v1", "f2", "v2", "f3", "v3");
                c.call("ZADD", "z", "1", "m1", "2.5", "m2", "3", "m3");
                for (int i = 0; i < 20; i++) {
                    assertTrue(List.of("k1", "k2", "k3", "h", "z").containsAll(bulks(c.call("RANDOMKEY"))));
                    assertTrue(List.of("f1", "f2", "f3").containsAll(bulks(c.call("HRANDFIELD", "h"))));
                    List<String> two = bulks(c.call("HRANDFIELD", "h", "2"));
                    assertEquals(2, new java.util.HashSet<>(two).size(), "distinct: " + two);
                    List<String> repeats = bulks(c.call("HRANDFIELD", "h", "-5", "WITHVALUES"));
                    assertEquals(10, repeats.size());
                    for (int j = 0; j < repeats.size(); j += 2) {
                        assertEquals("v" + repeats.get(j).substring(1), repeats.get(j + 1));
                    }
                    List<String> scored = bulks(c.call("ZRANDMEMBER", "z", "-4", "WITHSCORES"));
                    assertEquals(8, scored.size());
                    for (int j = 0; j < scored.size(); j += 2) {
                        assertEquals(switch (scored.get(j)) {
                            case "m1" -> "1";
                            case "m2" -> "2.5";
                            default -> "3";
                        }, scored.get(j + 1));
                    }
                    assertEquals(3, new java.util.HashSet<>(bulks(c.call("ZRANDMEMBER", "z", "5"))).size());
                }
                List<String> time = bulks(c.call("TIME"));
                assertEquals(2, time.size());
                assertTrue(Math.abs(Long.parseLong(time.get(0)) - System.currentTimeMillis() / 1000) < 5, time.get(0));
                assertTrue(Long.parseLong(time.get(1)) < 1_000_000, time.get(1));
            }
        }
    }

    /** The bulk strings of an array reply, or the single bulk of a bulk reply. */
    private static List<String> bulks(String reply) {
        List<String> out = new ArrayList<>();
        String[] lines = reply.split("\r\n");
        for (int i = reply.startsWith("*") ? 1 : 0; i < lines.length; i += 2) {
            assertTrue(lines[i].startsWith("$"), reply);
            out.add(lines[i + 1]);
        }
        return out;
    }

    /** Raw byte exchanges, malformed ones included: the whole transcript and the close must match. */
    @Test
    void rawProtocolExchangesMatch() throws Exception {
        String[] cases = {
            "PING\r\n",
            "  ECHO  'a b'  \"c\\x41\\n\"\r\n",
            "*0\r\n*-1\r\n\r\nPING\r\n",
            "*3000000000\r\n",
            "*1\r\n$-5\r\n",
            "*1\r\n$600000000\r\n",
            "*1\r\nx\r\n",
            "*1\r\n\r\n",
            "*abc\r\n",
            "SET \"a\r\n",
            "SET 'a'b c\r\n",
            "PING\r\n*x\r\nPING\r\n",
            "POST / HTTP/1.1\r\nHost: x\r\n\r\n",
            "*2\r\n$4\r\nECHO\r\n$3\r\nabcXY",
            "*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPING\r\n",
        };
        List<String> mismatches = new ArrayList<>();
        for (String input : cases) {
            String expected = exchange(redisPort, input);
            String actual = exchange(node.port(), input);
            if (!expected.equals(actual)) {
                mismatches.add(printable(input) + "\n   redis: " + printable(expected) + "\n   node:  " + printable(actual));
            }
        }
        if (!mismatches.isEmpty()) {
            fail(String.join("\n", mismatches));
        }
    }

    /**
     * Sends the input followed by an ECHO sentinel and reads until the sentinel's reply or the
     * server closing the connection; returns the transcript with a note on how it ended.
     */
    private static String exchange(int port, String input) throws IOException {
        byte[] sentinelReply = latin1("$8\r\nsentinel\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(latin1(input));
            socket.getOutputStream().write(Resp.command("ECHO", "sentinel"));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream transcript = new ByteArrayOutputStream();
            while (true) {
                int b;
                try {
                    b = in.read();
                } catch (SocketTimeoutException e) {
                    return transcript.toString(StandardCharsets.ISO_8859_1) + "[timeout]";
                } catch (java.net.SocketException e) {
                    // A close with unread input arrives as a reset or as an end of stream depending on timing
                    // (whether the sentinel was still unread): both mean the server hung up.
                    return transcript.toString(StandardCharsets.ISO_8859_1) + "[closed]";
                }
                if (b < 0) {
                    return transcript.toString(StandardCharsets.ISO_8859_1) + "[closed]";
                }
                transcript.write(b);
                byte[] sofar = transcript.toByteArray();
                if (endsWith(sofar, sentinelReply)) {
                    return new String(sofar, 0, sofar.length - sentinelReply.length, StandardCharsets.ISO_8859_1)
                            + "[open]";
                }
            }
        }
    }

    private static boolean endsWith(byte[] data, byte[] suffix) {
        if (data.length < suffix.length) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (data[data.length - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void scriptCoversEveryFamily() {
        List<String> names = new ArrayList<>();
        for (String[] c : SCRIPT) {
            names.add(c[0].toUpperCase());
        }
        for (String family : new String[] {"SET", "HSET", "RPUSH", "SADD", "ZADD", "EXPIRE", "SCAN"}) {
            assertTrue(names.contains(family), family);
        }
        assertEquals(true, SCRIPT.size() > 150);
    }
}
