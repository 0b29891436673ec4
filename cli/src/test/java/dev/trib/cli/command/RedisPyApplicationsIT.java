package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Applications written with redis-py's cluster client (RedisCluster, which speaks RESP3 by default since redis-py
 * 8) against a cluster of bundled nodes: a job queue on BLPOP, a pub/sub fan-out, sharded pub/sub, optimistic
 * updates with WATCH/MULTI/EXEC and a rate limiter in EVAL. The checks are in apps/redis_py_apps.py; each prints
 * "ok CHECK: ..." and exits 0 when the application saw what Redis promises. Skipped, loudly, where python3 has no
 * redis package (.ci/run installs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisPyApplicationsIT {
    private static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");
    private TestCluster cluster;
    private Path script;

    @BeforeAll
    void createCluster() throws Exception {
        Assumptions.assumeTrue(redisPyPresent(),
                "*** python3 with redis-py (pip install redis) is not available: redis-py application checks "
                        + "SKIPPED ***");
        script = Files.createTempFile("redis_py_apps", ".py");
        try (InputStream in = getClass().getResourceAsStream("/apps/redis_py_apps.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        cluster = new TestCluster(RedisFixture.startEach(6, HOSTS, ip -> RedisFixture.startNodeServer(ip)));
        List<String> args = new ArrayList<>(List.of("create", "--replicas", "1", "--yes", "-q"));
        args.addAll(List.of(cluster.hostPorts()));
        TribRunner.Result r = trib(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        cluster.awaitHealthy();
    }

    @AfterAll
    void stop() throws IOException {
        if (cluster != null) {
            cluster.close();
        }
        if (script != null) {
            Files.deleteIfExists(script);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"job-queue", "fan-out", "sharded-fan-out", "optimistic-update", "rate-limiter",
            "stream-group"})
    void anApplicationCheckPasses(String check) throws Exception {
        Process p = new ProcessBuilder("python3", script.toString(), cluster.node(0).hostPort(), check)
                .redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            boolean exited = p.waitFor(120, TimeUnit.SECONDS);
            if (!exited) {
                p.destroyForcibly();
            }
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(exited, check + " did not finish in 120 s: " + output);
        }
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.startsWith("ok " + check + ": "), output);
    }

    /** python3 with redis-py's cluster client, as .ci/run installs it. */
    static boolean redisPyPresent() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import redis.cluster").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
