package dev.trib.node.net;

import dev.trib.node.support.NodeProcess;
import dev.trib.node.support.Poll;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RespTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** daemonize yes: the command returns at once, the node keeps running on its own, with its pid file. */
class DaemonizeTest {
    @Test
    void theLauncherReturnsAndTheNodeRunsDetached(@TempDir Path dir) throws Exception {
        int port = Ports.freeInRange(NodeProcess.HOST, 26900, 26999);
        Path pidFile = dir.resolve("node.pid");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(List.of(java, "-XX:+UseSerialGC", "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), "dev.trib.node.net.Main",
                "--port", Integer.toString(port), "--bind", NodeProcess.HOST, "--dir", dir.toString(),
                "--logfile", dir.resolve("node.log").toString(), "--pidfile", pidFile.toString(),
                "--save", "", "--daemonize", "yes")).redirectErrorStream(true).start();
        assertTrue(parent.waitFor(30, TimeUnit.SECONDS), "the launching process returns");
        assertEquals(0, parent.exitValue(), new String(parent.getInputStream().readAllBytes()));
        long pid = -1;
        try {
            Poll.until(Duration.ofSeconds(30), "the daemon to answer", () -> {
                try (RespTestClient c = new RespTestClient(NodeProcess.HOST, port)) {
                    return c.call("PING").equals("+PONG\r\n");
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            pid = Long.parseLong(Files.readString(pidFile).trim());
            assertTrue(pid != parent.pid() && ProcessHandle.of(pid).isPresent(), "the pid file names the daemon");
            try (RespTestClient c = new RespTestClient(NodeProcess.HOST, port)) {
                c.call("SHUTDOWN", "NOSAVE");
            } catch (java.io.IOException expectedAsTheNodeCloses) {
                // SHUTDOWN closes the connection without a reply
            }
            long daemon = pid;
            Poll.until(Duration.ofSeconds(20), "the daemon to exit", () -> ProcessHandle.of(daemon).isEmpty()
                    || !ProcessHandle.of(daemon).get().isAlive());
            Poll.until(Duration.ofSeconds(5), "the pid file to go", () -> !Files.exists(pidFile));
        } finally {
            if (pid > 0) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
