package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.planner.topology.KeySlot;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A big key let through by --allow-big-keys on real nodes: slot 0 holds 300 small keys and a 3 MB string made with
 * SETRANGE (written last, so the source lists it first); at --transfer-rate 1 it would block its master about
 * 3 s, more than half the 3000 ms node timeout, so the rail names it. The source's MONITOR shows what the engine
 * sent: the small keys in pipelined MIGRATEs with the user's timeout, then the big key alone, last, with a timeout
 * grown to its bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BigKeyMoveIT {
    private static final int SMALL_KEYS = 300;
    private static final int BIG_BYTES = 3 * 1024 * 1024;

    private TestCluster cluster;
    private RedisNode source;
    private RedisNode target;

    @BeforeAll
    void create() {
        cluster = TestCluster.start(3, TestCluster.THREE_HOSTS).createWithRedisCli(0);
        source = cluster.nodes().stream().filter(n -> n.myself().slots().contains(0)).findFirst().orElseThrow();
        target = cluster.nodes().stream().filter(n -> n != source).findFirst().orElseThrow();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String tagOfSlot0() {
        for (int i = 0; ; i++) {
            if (KeySlot.of("t" + i) == 0) {
                return "{t" + i + "}";
            }
        }
    }

    /** Every command the node runs, as MONITOR prints it, until closed. */
    private static final class Monitor implements AutoCloseable {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final Socket socket;

        Monitor(RedisNode node) throws IOException {
            socket = new Socket(node.ip(), node.port());
            OutputStream out = socket.getOutputStream();
            out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("+OK", in.readLine());
            Thread t = new Thread(() -> {
                try {
                    for (String l = in.readLine(); l != null; l = in.readLine()) {
                        lines.add(l);
                    }
                } catch (IOException closed) {
                    // The test closed the socket.
                }
            }, "monitor");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A MONITOR line's arguments, unquoted (key names here need no escapes). */
    private static List<String> args(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(line.substring(line.indexOf(']') + 1));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void theBigKeyMovesAloneAfterTheSmallKeysOfItsSlotWithATimeoutSizedToIt() throws IOException {
        String tag = tagOfSlot0();
        for (int i = 0; i < SMALL_KEYS; i++) {
            assertEquals("OK", source.call("SET", tag + ":small:" + i, "value-" + i));
        }
        String big = tag + ":big";
        assertEquals((long) BIG_BYTES, source.call("SETRANGE", big, BIG_BYTES - 1, "x"));
        long bigUsage = (Long) source.call("MEMORY", "USAGE", big);
        // At 1 MB/s, what the engine must give it (the user's 1000 ms being less).
        long grown = (long) Math.ceil(bigUsage * 1000.0 / (1024 * 1024));

        TribRunner.Result r;
        List<List<String>> migrates = new ArrayList<>();
        try (Monitor monitor = new Monitor(source)) {
            r = trib("reshard", source.hostPort(), "--from", source.myId(), "--to", target.myId(), "--slots", "1",
                    "--yes", "--allow-big-keys", "--transfer-rate", "1", "--migrate-timeout", "1000",
                    "--pipeline", "50");
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            // MONITOR leaves out admin commands (SETSLOT): a marker sent after the run ends what trib did.
            assertEquals("end-of-reshard", source.callString("ECHO", "end-of-reshard"));
            Poll.until(Duration.ofSeconds(30), "the marker in the source's MONITOR", () -> monitor.lines
                    .stream().anyMatch(l -> l.contains("\"end-of-reshard\"")));
            synchronized (monitor.lines) {
                monitor.lines.stream().filter(l -> l.contains("\"MIGRATE\"")).map(BigKeyMoveIT::args)
                        .forEach(migrates::add);
            }
        }
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("[WARNING] Key '" + big + "' (")
                && l.endsWith(" (--allow-big-keys).")), r.toString());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("  Moved big key '" + big + "' (")
                && l.contains(", slot 0) alone in ") && l.endsWith(", with a " + grown + " ms MIGRATE timeout")),
                r.toString());

        // MIGRATE host port "" 0 timeout [options] KEYS k...: the small keys first, 50 a call, the user's timeout.
        assertTrue(migrates.size() >= SMALL_KEYS / 50 + 1, migrates.toString());
        List<String> smallMoved = new ArrayList<>();
        for (List<String> m : migrates.subList(0, migrates.size() - 1)) {
            assertEquals("1000", m.get(5), m.toString());
            List<String> keys = m.subList(m.indexOf("KEYS") + 1, m.size());
            assertFalse(keys.contains(big), m.toString());
            smallMoved.addAll(keys);
        }
        assertEquals(SMALL_KEYS, smallMoved.size());
        List<String> last = migrates.get(migrates.size() - 1);
        assertEquals(Long.toString(grown), last.get(5), "a timeout grown to its bytes: " + last);
        assertTrue(grown > 1000);
        assertEquals(List.of(big), last.subList(last.indexOf("KEYS") + 1, last.size()), "alone and last");

        // Every key readable at the target, the slot its own everywhere, nothing left open.
        assertEquals((long) SMALL_KEYS + 1, target.call("CLUSTER", "COUNTKEYSINSLOT", 0));
        assertEquals(0L, source.call("CLUSTER", "COUNTKEYSINSLOT", 0));
        assertEquals((long) BIG_BYTES, target.call("STRLEN", big));
        assertEquals("value-7", target.callString("GET", tag + ":small:7"));
        for (RedisNode n : cluster.nodes()) {
            Poll.until(Duration.ofSeconds(30), n + " to see slot 0 on the target", () -> NodesParser.parse(
                    n.callString("CLUSTER", "NODES")).ownerOf(0).equals(Optional.of(target.myId())));
            assertFalse(n.myself().hasOpenSlots(), n + ": " + n.myself());
        }
        TribRunner.Result check = trib("check", target.hostPort());
        assertEquals(ExitCodes.OK, check.exitCode(), check.toString());
    }
}
