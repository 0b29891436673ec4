package dev.trib.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupConfigTest {
    private static StartupConfig parse(String... args) {
        return StartupConfig.parse(args, ConfigParameters.standard());
    }

    @Test
    void readsDirectivesFromTheCommandLine() {
        Map<String, String> v = parse("--port", "7001", "--cluster-enabled", "YES", "--cluster-node-timeout", "5000",
                "--save", "", "--appendonly", "no", "--bind", "127.0.0.1", "::1", "--cluster-slave-validity-factor",
                "3").values();
        assertEquals("7001", v.get("port"));
        assertEquals("yes", v.get("cluster-enabled"));
        assertEquals("5000", v.get("cluster-node-timeout"));
        assertEquals("", v.get("save"));
        assertEquals("127.0.0.1 ::1", v.get("bind"));
        assertEquals("3", v.get("cluster-replica-validity-factor"), "aliases set the canonical parameter");
    }

    @Test
    void userLinesAccumulateInOrderFromTheFileAndTheCommandLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("node.conf");
        Files.writeString(file, "user alice on >a ~* +@all\ntls-auth-clients optional\n");
        StartupConfig c = StartupConfig.parse(new String[] {file.toString(), "--user", "bob", "off",
                "--tls-cluster", "yes"}, ConfigParameters.standard());
        assertEquals(List.of(List.of("alice", "on", ">a", "~*", "+@all"), List.of("bob", "off")), c.users());
        assertEquals("optional", c.values().get("tls-auth-clients"));
        assertEquals("yes", c.values().get("tls-cluster"));
        assertNull(c.values().get("user"), "user lines are not parameters");
        assertThrows(ConfigFileException.class, () -> parse("--tls-auth-clients", "maybe"));
    }

    @Test
    void commandLineOverridesTheConfigFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("node.conf");
        Files.writeString(file, "# a comment\nport 7000\n\nrequirepass \"se cret\"\nsave 900 1 300 10\n");
        StartupConfig c = parse(file.toString(), "--port", "7002");
        assertEquals(file, c.configFile());
        assertEquals("7002", c.values().get("port"));
        assertEquals("se cret", c.values().get("requirepass"));
        assertEquals("900 1 300 10", c.values().get("save"));
        assertNull(parse("--port", "1").configFile());
    }

    @Test
    void refusesUnknownDirectivesAndBadValuesLikeRedisServer() {
        ConfigFileException unknown = assertThrows(ConfigFileException.class, () -> parse("--port", "1", "--bogus", "x"));
        assertTrue(unknown.banner().contains("*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***"), unknown.banner());
        assertTrue(unknown.banner().contains("at line 2"), unknown.banner());
        assertTrue(unknown.banner().endsWith("Bad directive or wrong number of arguments"), unknown.banner());
        assertEquals("argument couldn't be parsed into an integer",
                reason(() -> parse("--port", "x")));
        assertEquals("argument must be between 0 and 65535 inclusive", reason(() -> parse("--port", "70000")));
        assertEquals("argument must be 'yes' or 'no'", reason(() -> parse("--cluster-enabled", "maybe")));
        assertEquals("wrong number of arguments", reason(() -> parse("--port", "1", "2")));
        assertEquals("yes", parse("--daemonize", "yes").values().get("daemonize"));
        assertEquals("no", parse("--daemonize", "no").values().get("daemonize"));
    }

    @Test
    void splitsQuotedWordsLikeRedis() {
        assertEquals(List.of("requirepass", "a b", "c\nd", "e'f"), ConfigLine.split("requirepass \"a b\" \"c\\nd\" 'e\\'f'"));
        assertEquals(List.of("x", "A"), ConfigLine.split("x \"\\x41\""));
        assertNull(ConfigLine.split("x \"unterminated"));
        assertNull(ConfigLine.split("x \"a\"b"));
    }

    private static String reason(Runnable r) {
        try {
            r.run();
        } catch (ConfigFileException e) {
            String banner = e.banner();
            return banner.substring(banner.lastIndexOf('\n') + 1);
        }
        throw new AssertionError("no error");
    }
}
