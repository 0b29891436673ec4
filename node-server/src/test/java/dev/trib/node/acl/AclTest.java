package dev.trib.node.acl;

import dev.trib.node.log.ServerLog;
import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
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

/**
 * ACL users on a running node, over TCP. The expected ACL LIST lines and error texts are what redis-server 7.0.15
 * answers to the same commands.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AclTest {
    private static final String NOPERM_KEYS =
            "-NOPERM this user has no permissions to access one of the keys used as arguments\r\n";
    private static final String WRONGPASS = "-WRONGPASS invalid username-password pair or user is disabled.\r\n";
    private static NodeServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        server = NodeServer.start(NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(0)
                .withUsers(List.of(List.of("admin", "on", ">admin-pw", "~*", "&*", "+@all"),
                        List.of("monitor", "on", ">pw", "+ping", "+info", "~k*", "+cluster|nodes"))),
                new ServerLog(new PrintStream(OutputStream.nullOutputStream())));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static RespTestClient client() throws Exception {
        return new RespTestClient("127.0.0.1", server.port());
    }

    private static RespTestClient as(String user, String password) throws Exception {
        RespTestClient c = client();
        assertEquals("+OK\r\n", c.call("AUTH", user, password));
        return c;
    }

    private static String bulk(String s) {
        return "$" + s.length() + "\r\n" + s + "\r\n";
    }

    @Test
    void rulesAreDescribedAsRedisDescribesThem() throws Exception {
        try (RespTestClient c = as("admin", "admin-pw")) {
            assertEquals("+OK\r\n", c.call("ACL", "SETUSER", "alice", "on", ">p1", "~a*", "~b*", "+get", "+@read",
                    "-get", "+config|get", "&x*"));
            String list = c.call("ACL", "LIST");
            assertTrue(list.contains(bulk("user alice on #f64551fcd6f07823cb87971cfb91446425da18286b3ab1ef935e0cbd7a69f68a"
                    + " ~a* ~b* resetchannels &x* -@all +@read -get +config|get")), list);
            assertTrue(list.contains(bulk("user default on nopass ~* &* +@all")), list);
            assertTrue(list.contains(bulk("user admin on #" + AclUser.sha256("admin-pw".getBytes()) + " ~* &* +@all")),
                    list);
            assertEquals("*12\r\n" + bulk("flags") + "*1\r\n" + bulk("on") + bulk("passwords") + "*1\r\n"
                    + bulk("f64551fcd6f07823cb87971cfb91446425da18286b3ab1ef935e0cbd7a69f68a") + bulk("commands")
                    + bulk("-@all +@read -get +config|get") + bulk("keys") + bulk("~a* ~b*") + bulk("channels")
                    + bulk("&x*") + bulk("selectors") + "*0\r\n", c.call("ACL", "GETUSER", "alice"));
            assertEquals("+OK\r\n", c.call("ACL", "SETUSER", "gina", "on", "nopass", "-@all", "+config", "allkeys",
                    "-config|set"));
            assertEquals("+OK\r\n", c.call("ACL", "SETUSER", "gina", "+config"));
            assertTrue(c.call("ACL", "LIST").contains("user gina on nopass ~* resetchannels -@all +config\r\n"));
            assertEquals("+OK\r\n", c.call("ACL", "SETUSER", "bob", "reset"));
            assertTrue(c.call("ACL", "LIST").contains("user bob off sanitize-payload resetchannels -@all\r\n"));
            assertEquals("$-1\r\n", c.call("ACL", "GETUSER", "nobody"));
        }
    }

    @Test
    void badRulesGetRedisReasonsAndChangeNothing() throws Exception {
        try (RespTestClient c = as("admin", "admin-pw")) {
            assertEquals("+OK\r\n", c.call("ACL", "SETUSER", "carol", "~*"));
            assertEquals("-ERR Error in ACL SETUSER modifier '~x': Adding a pattern after the * pattern (or the "
                    + "'allkeys' flag) is not valid and does not have any effect. Try 'resetkeys' to start with an "
                    + "empty list of patterns\r\n", c.call("ACL", "SETUSER", "carol", "on", "~x"));
            assertEquals("-ERR Error in ACL SETUSER modifier '+nosuch': Unknown command or category name in ACL\r\n",
                    c.call("ACL", "SETUSER", "carol", "+nosuch"));
            assertEquals("-ERR Error in ACL SETUSER modifier '+config|nosuch': Unknown command or category name in "
                    + "ACL\r\n", c.call("ACL", "SETUSER", "carol", "+config|nosuch"));
            assertEquals("-ERR Error in ACL SETUSER modifier '+@nosuch': Unknown command or category name in ACL\r\n",
                    c.call("ACL", "SETUSER", "carol", "+@nosuch"));
            assertEquals("-ERR Error in ACL SETUSER modifier '<nopw': The password you are trying to remove from "
                    + "the user does not exist\r\n", c.call("ACL", "SETUSER", "carol", "<nopw"));
            assertEquals("-ERR Error in ACL SETUSER modifier 'foo': Syntax error\r\n",
                    c.call("ACL", "SETUSER", "carol", "foo"));
            assertTrue(c.call("ACL", "LIST").contains("user carol off ~* resetchannels -@all\r\n"),
                    "the 'on' before a bad rule was not applied");
            assertEquals("-ERR The 'default' user cannot be removed\r\n", c.call("ACL", "DELUSER", "default"));
        }
    }

    @Test
    void commandsSubcommandsAndKeysAreCheckedWithRedisTexts() throws Exception {
        try (RespTestClient admin = as("admin", "admin-pw")) {
            assertEquals("+OK\r\n", admin.call("ACL", "SETUSER", "dave", "on", ">d", "~a*", "+@read", "-get",
                    "+config|get", "+select|0"));
        }
        try (RespTestClient c = as("dave", "d")) {
            assertEquals("-NOPERM this user has no permissions to run the 'config|set' command\r\n",
                    c.call("CONFIG", "SET", "hz", "10"));
            assertEquals("-NOPERM this user has no permissions to run the 'get' command\r\n", c.call("GET", "a"));
            assertEquals("-NOPERM this user has no permissions to run the 'set' command\r\n",
                    c.call("SET", "a", "1"));
            assertEquals("*1\r\n$-1\r\n", c.call("MGET", "a1"));
            assertEquals(NOPERM_KEYS, c.call("MGET", "a1", "zz"));
            assertTrue(c.call("CONFIG", "GET", "hz").startsWith("*2"));
            assertEquals("+OK\r\n", c.call("SELECT", "0"), "a first-argument rule allows SELECT 0");
            assertEquals("-NOPERM this user has no permissions to run the 'select' command\r\n",
                    c.call("SELECT", "1"));
            assertEquals("-NOPERM this user has no permissions to run the 'acl|whoami' command\r\n",
                    c.call("ACL", "WHOAMI"));
            assertEquals("-NOPERM this user has no permissions to run the 'ping' command\r\n", c.call("PING"),
                    "ping is a connection command, not a read one");
        }
    }

    @Test
    void authLogsInAsTheUserAndRefusesWrongOrDisabledUsers() throws Exception {
        try (RespTestClient c = client()) {
            assertEquals(bulk("default"), c.call("ACL", "WHOAMI"));
            assertEquals(WRONGPASS, c.call("AUTH", "monitor", "wrong"));
            assertEquals(WRONGPASS, c.call("AUTH", "nobody", "pw"));
            assertEquals(WRONGPASS, c.call("HELLO", "2", "AUTH", "monitor", "wrong"));
            assertEquals("+OK\r\n", c.call("AUTH", "monitor", "pw"));
            assertEquals("+PONG\r\n", c.call("PING"));
            assertEquals("-ERR This instance has cluster support disabled\r\n", c.call("CLUSTER", "NODES"),
                    "+cluster|nodes lets it through to the command");
            assertEquals("-NOPERM this user has no permissions to run the 'client|info' command\r\n",
                    c.call("CLIENT", "INFO"));
        }
        try (RespTestClient admin = as("admin", "admin-pw")) {
            assertEquals("+OK\r\n", admin.call("ACL", "SETUSER", "erin", "off", ">e"));
            try (RespTestClient c = client()) {
                assertEquals(WRONGPASS, c.call("AUTH", "erin", "e"));
            }
        }
    }

    @Test
    void theDefaultUserCanBeTurnedOffAndRequirepassIsItsPassword() throws Exception {
        try (RespTestClient admin = as("admin", "admin-pw")) {
            try {
                assertEquals("+OK\r\n", admin.call("ACL", "SETUSER", "default", "off"));
                try (RespTestClient c = client()) {
                    assertEquals("-NOAUTH Authentication required.\r\n", c.call("GET", "k"));
                    assertEquals(WRONGPASS, c.call("AUTH", "default", "x"));
                }
                assertEquals("+OK\r\n", admin.call("ACL", "SETUSER", "default", "on"));
                assertEquals("+OK\r\n", admin.call("CONFIG", "SET", "requirepass", "s3cret"));
                try (RespTestClient c = client()) {
                    assertEquals("-NOAUTH Authentication required.\r\n", c.call("GET", "k"));
                    assertEquals("+OK\r\n", c.call("AUTH", "s3cret"));
                    assertEquals("$-1\r\n", c.call("GET", "k"));
                }
                assertTrue(admin.call("ACL", "LIST").contains("user default on #"
                        + AclUser.sha256("s3cret".getBytes()) + " ~* &* +@all\r\n"));
            } finally {
                admin.call("CONFIG", "SET", "requirepass", "");
            }
            assertTrue(admin.call("ACL", "LIST").contains("user default on nopass ~* &* +@all\r\n"));
        }
    }

    @Test
    void deletingAUserDropsItsConnections() throws Exception {
        try (RespTestClient admin = as("admin", "admin-pw")) {
            assertEquals("+OK\r\n", admin.call("ACL", "SETUSER", "frank", "on", ">f", "+@all", "~*"));
            try (RespTestClient c = as("frank", "f")) {
                assertEquals(":1\r\n", admin.call("ACL", "DELUSER", "frank", "nobody"));
                c.send(dev.trib.node.support.Resp.command("SET", "frank-was-here", "1"));
                assertTrue(c.isClosedByPeer());
            }
            assertEquals("$-1\r\n", admin.call("GET", "frank-was-here"));
        }
    }
}
