package dev.trib.node.net;

import dev.trib.node.log.ServerLog;
import dev.trib.node.support.RespTestClient;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** INFO, CONFIG, AUTH, HELLO, CLIENT, COMMAND on a standalone node with a password, over TCP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerCommandsTest {
    private static NodeServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        server = NodeServer.start(NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(0)
                .with("requirepass", "pw"), new ServerLog(new PrintStream(OutputStream.nullOutputStream())));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static RespTestClient client() throws Exception {
        return new RespTestClient("127.0.0.1", server.port());
    }

    private static RespTestClient authed() throws Exception {
        RespTestClient c = client();
        assertEquals("+OK\r\n", c.call("AUTH", "pw"));
        return c;
    }

    @Test
    void passwordIsRequiredWithRedisErrorTexts() throws Exception {
        try (RespTestClient c = client()) {
            assertEquals("-ERR unknown command 'nosuch', with args beginning with: \r\n", c.call("nosuch"));
            assertEquals("-NOAUTH Authentication required.\r\n", c.call("GET", "a"));
            assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n", c.call("AUTH", "x"));
            assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
                    c.call("AUTH", "bob", "pw"));
            assertEquals("+OK\r\n", c.call("AUTH", "default", "pw"));
            assertEquals("$-1\r\n", c.call("GET", "a"));
        }
    }

    @Test
    void helloSpeaksResp2AndAuthenticates() throws Exception {
        try (RespTestClient c = client()) {
            assertEquals("-NOPROTO unsupported protocol version\r\n", c.call("HELLO", "4"));
            assertEquals("-ERR Protocol version is not an integer or out of range\r\n", c.call("HELLO", "x"));
            assertTrue(c.call("HELLO", "2").startsWith("-NOAUTH HELLO must be called"));
            String hello = c.call("HELLO", "2", "AUTH", "default", "pw", "SETNAME", "tool");
            assertTrue(hello.startsWith("*14\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n"
                    + "$5\r\nproto\r\n:2\r\n$2\r\nid\r\n:"), hello);
            assertTrue(hello.endsWith("$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n"
                    + "$7\r\nmodules\r\n*0\r\n"), hello);
            assertEquals("$4\r\ntool\r\n", c.call("CLIENT", "GETNAME"));
        }
    }

    /** HELLO 3 switches the connection to RESP3 (its own reply a map), HELLO 2 and RESET back. */
    @Test
    void helloSwitchesProtocols() throws Exception {
        try (RespTestClient c = authed()) {
            String hello = c.call("HELLO", "3");
            assertTrue(hello.startsWith("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n"), hello);
            assertTrue(hello.contains("$5\r\nproto\r\n:3\r\n"), hello);
            assertEquals("_\r\n", c.call("GET", "nokey"));
            assertEquals("%1\r\n$3\r\nget\r\n%3\r\n$7\r\nsummary\r\n$0\r\n\r\n$5\r\nsince\r\n$5\r\n1.0.0\r\n"
                    + "$5\r\ngroup\r\n$7\r\ngeneric\r\n", c.call("COMMAND", "DOCS", "get"));
            assertTrue(c.call("CLIENT", "INFO").startsWith("="), "verbatim in RESP3");
            assertTrue(c.call("HELLO", "2").startsWith("*14\r\n"));
            assertEquals("$-1\r\n", c.call("GET", "nokey"));
            assertEquals("*2\r\n$3\r\nget\r\n*6\r\n$7\r\nsummary\r\n$0\r\n\r\n$5\r\nsince\r\n$5\r\n1.0.0\r\n"
                    + "$5\r\ngroup\r\n$7\r\ngeneric\r\n", c.call("COMMAND", "DOCS", "get"));
            c.call("HELLO", "3");
            assertEquals("+RESET\r\n", c.call("RESET"));
            c.call("AUTH", "default", "pw");
            assertEquals("$-1\r\n", c.call("GET", "nokey"));
        }
    }

    @Test
    void infoHasTheFieldsToolsParse() throws Exception {
        try (RespTestClient c = authed()) {
            c.call("SET", "k1", "v");
            c.call("SET", "k2", "v", "EX", "100");
            String info = c.call("INFO");
            for (String field : List.of("# Server\r\n", "redis_version:7.0.15\r\n", "redis_mode:standalone\r\n",
                    "tcp_port:" + server.port() + "\r\n", "# Clients\r\n", "connected_clients:", "# Memory\r\n",
                    "used_memory:", "# Persistence\r\n", "loading:0\r\n", "# Replication\r\n", "role:master\r\n",
                    "# Cluster\r\ncluster_enabled:0\r\n", "# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\n")) {
                assertTrue(info.contains(field), field + " in\n" + info);
            }
            String cluster = c.call("INFO", "cluster");
            assertEquals("$30\r\n# Cluster\r\ncluster_enabled:0\r\n\r\n", cluster);
            assertEquals("-ERR This instance has cluster support disabled\r\n", c.call("CLUSTER", "INFO"));
            c.call("DEL", "k1", "k2");
        }
    }

    @Test
    void configGetAndSetFollowRedis() throws Exception {
        try (RespTestClient c = authed()) {
            assertEquals("*2\r\n$20\r\ncluster-node-timeout\r\n$5\r\n15000\r\n",
                    c.call("CONFIG", "GET", "cluster-node-timeout"));
            assertEquals("+OK\r\n", c.call("CONFIG", "SET", "cluster-node-timeout", "5000", "maxmemory", "10"));
            assertEquals("*2\r\n$20\r\ncluster-node-timeout\r\n$4\r\n5000\r\n",
                    c.call("CONFIG", "GET", "CLUSTER-NODE-TIMEOUT"));
            assertEquals("-ERR CONFIG SET failed (possibly related to argument 'daemonize') - can't set immutable "
                    + "config\r\n", c.call("CONFIG", "SET", "daemonize", "yes"));
            assertEquals("-ERR CONFIG SET failed (possibly related to argument 'appendonly') - argument must be "
                    + "'yes' or 'no'\r\n", c.call("CONFIG", "SET", "appendonly", "maybe"));
            assertEquals("-ERR CONFIG SET failed (possibly related to argument 'cluster-node-timeout') - argument "
                    + "must be between 0 and 9223372036854775807 inclusive\r\n",
                    c.call("CONFIG", "SET", "cluster-node-timeout", "-5"));
            assertEquals("-ERR Unknown option or number of arguments for CONFIG SET - 'foo'\r\n",
                    c.call("CONFIG", "SET", "foo", "1"));
            assertEquals("-ERR wrong number of arguments for 'config|set' command\r\n", c.call("CONFIG", "SET", "port"));
            assertEquals("-ERR unknown subcommand 'nope'. Try CONFIG HELP.\r\n", c.call("CONFIG", "nope"));
            assertEquals("-ERR The server is running without a config file\r\n", c.call("CONFIG", "REWRITE"));
            String matched = c.call("CONFIG", "GET", "cluster-*-validity-factor");
            assertTrue(matched.contains("cluster-replica-validity-factor") && matched.contains("cluster-slave-validity"),
                    matched);
            assertEquals("+OK\r\n", c.call("CONFIG", "SET", "cluster-node-timeout", "15000"));
        }
    }

    @Test
    void clientAndCommandIntrospection() throws Exception {
        try (RespTestClient c = authed()) {
            String id = c.call("CLIENT", "ID");
            assertTrue(id.matches(":\\d+\r\n"), id);
            assertEquals("-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
                    c.call("CLIENT", "SETNAME", "a b"));
            assertEquals("+OK\r\n", c.call("CLIENT", "SETNAME", "me"));
            assertEquals("+OK\r\n", c.call("CLIENT", "SETINFO", "lib-name", "lettuce"));
            String list = c.call("CLIENT", "LIST");
            assertTrue(list.contains("id=" + id.substring(1, id.length() - 2) + " addr=127.0.0.1:")
                    && list.contains(" name=me ") && list.contains(" cmd=client "), list);
            String count = c.call("COMMAND", "COUNT");
            assertTrue(Integer.parseInt(count.substring(1, count.length() - 2)) > 100, count);
            assertTrue(c.call("COMMAND", "INFO", "get").startsWith(
                    "*1\r\n*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n"));
            assertEquals("*1\r\n*-1\r\n", c.call("COMMAND", "INFO", "nosuch"));
            assertEquals("*2\r\n$1\r\na\r\n$1\r\nc\r\n", c.call("COMMAND", "GETKEYS", "MSET", "a", "b", "c", "d"));
            // Keys counted by an argument: found from the count, shown as redis-server 7.0's keynum key spec.
            assertEquals("*3\r\n$3\r\ndst\r\n$1\r\na\r\n$1\r\nb\r\n",
                    c.call("COMMAND", "GETKEYS", "ZUNIONSTORE", "dst", "2", "a", "b", "WEIGHTS", "1", "2"));
            assertTrue(c.call("COMMAND", "INFO", "zunionstore").endsWith("*6\r\n$5\r\nflags\r\n*0\r\n"
                    + "$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n"
                    + "*2\r\n$5\r\nindex\r\n:2\r\n"
                    + "$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$6\r\nkeynum\r\n$4\r\nspec\r\n*6\r\n"
                    + "$9\r\nkeynumidx\r\n:0\r\n$8\r\nfirstkey\r\n:1\r\n$7\r\nkeystep\r\n:1\r\n*0\r\n"));
            assertTrue(c.call("COMMAND").startsWith("*"));
            assertEquals("-ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", you "
                    + "can run it from a local connection, otherwise you need to set this option in the configuration "
                    + "file, and then restart the server.\r\n", c.call("DEBUG", "SLEEP", "0"));
        }
    }
}
