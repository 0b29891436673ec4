package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's main job: {@code trib sandbox up}, then status, down and clean, on real redis-server processes. */
class SandboxCommandIT {

    @TempDir
    Path tmp;

    @Test
    void upStatusDownClean() {
        RedisFixture.assumeAvailable();
        RedisFixture.assumeRedisCli();
        Path dir = tmp.resolve("sandbox");
        int base = freeBasePort(6);
        TribRunner.Result up = trib("sandbox", "up", "--server", "redis", "--dir", dir.toString(), "--base-port",
                Integer.toString(base));
        try {
            assertEquals(ExitCodes.OK, up.exitCode(), up.toString());
            assertTrue(up.outLines().contains("[OK] All 16384 slots covered."), up.toString());
            assertTrue(up.out().contains("redis-cli -c -h 127.0.0.1 -p " + base), up.toString());
            RedisFixture.ProcessResult check = RedisFixture.redisCli("--cluster", "check", "127.0.0.1:" + base);
            assertEquals(0, check.exitCode(), check.output());
            assertTrue(check.output().contains("1 additional replica(s)"), check.output());

            TribRunner.Result again = trib("sandbox", "up", "--server", "redis", "--dir", dir.toString(),
                    "--base-port", Integer.toString(base));
            assertEquals(ExitCodes.PROBLEMS, again.exitCode(), again.toString());
            assertTrue(again.err().contains("A sandbox is already up"), again.toString());

            TribRunner.Result status = trib("sandbox", "status", "--dir", dir.toString());
            assertEquals(ExitCodes.OK, status.exitCode(), status.toString());
            assertTrue(status.outLines().contains("6 of 6 nodes running."), status.toString());
        } finally {
            TribRunner.Result down = trib("sandbox", "down", "--dir", dir.toString());
            assertEquals(ExitCodes.OK, down.exitCode(), down.toString());
        }
        TribRunner.Result status = trib("sandbox", "status", "--dir", dir.toString());
        assertEquals(ExitCodes.PROBLEMS, status.exitCode(), status.toString());
        assertTrue(status.outLines().contains("0 of 6 nodes running."), status.toString());
        assertTrue(Files.exists(dir.resolve(Integer.toString(base)).resolve("nodes.conf")));

        TribRunner.Result clean = trib("sandbox", "clean", "--dir", dir.toString());
        assertEquals(ExitCodes.OK, clean.exitCode(), clean.toString());
        assertFalse(Files.exists(dir));
    }

    /** The README's main job as a new user runs it: bundled Java nodes, nothing else installed. */
    @Test
    void bundledNodesFormAClusterThatRedisToolsAccept() {
        RedisFixture.assumeRedisCli();
        Path dir = tmp.resolve("bundled");
        int base = freeBasePort(6);
        TribRunner.Result up = trib("sandbox", "up", "--dir", dir.toString(), "--base-port", Integer.toString(base));
        try {
            assertEquals(ExitCodes.OK, up.exitCode(), up.toString());
            assertTrue(up.out().contains("Starting 6 trib-node nodes"), up.toString());
            assertTrue(up.outLines().contains("[OK] All 16384 slots covered."), up.toString());
            RedisFixture.ProcessResult check = RedisFixture.redisCli("--cluster", "check", "127.0.0.1:" + base);
            assertEquals(0, check.exitCode(), check.output());
            RedisFixture.ProcessResult set = RedisFixture.redisCli("-c", "-p", Integer.toString(base), "SET", "greeting",
                    "hello");
            assertEquals("OK", set.output().trim());
            RedisFixture.ProcessResult get = RedisFixture.redisCli("-c", "-h", "127.0.0.2", "-p",
                    Integer.toString(base + 1), "GET", "greeting");
            assertEquals("hello", get.output().trim());
        } finally {
            assertEquals(ExitCodes.OK, trib("sandbox", "clean", "--dir", dir.toString()).exitCode());
        }
        assertFalse(Files.exists(dir));
    }

    @Test
    void aBusyPortIsRefusedAndNothingStarts() throws IOException {
        RedisFixture.assumeAvailable();
        Path dir = tmp.resolve("busy");
        int base = freeBasePort(3);
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), base + 1));
            TribRunner.Result up = trib("sandbox", "up", "--dir", dir.toString(), "--nodes", "3", "--replicas", "0",
                    "--bind", "127.0.0.1", "--base-port", Integer.toString(base));
            assertEquals(ExitCodes.PROBLEMS, up.exitCode(), up.toString());
            assertEquals("[ERR] Port " + (base + 1) + " on 127.0.0.1 is in use.", up.err().trim());
            assertFalse(Files.exists(dir.resolve("sandbox.state")));
        } finally {
            trib("sandbox", "clean", "--dir", dir.toString()); // in case it did start something
        }
    }

    /** A base port whose next n ports and their bus ports are all free. */
    static int freeBasePort(int n) {
        for (int attempt = 0; attempt < 200; attempt++) {
            // Below the fixture's range and, bus ports included, below the ephemeral port range.
            int base = 21000 + ThreadLocalRandom.current().nextInt(0, 170) * 10;
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                ok = free(base + i) && free(base + i + 10000);
            }
            if (ok) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
