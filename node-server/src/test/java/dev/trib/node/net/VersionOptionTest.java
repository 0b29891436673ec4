package dev.trib.node.net;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --version and -v print one line in redis-server's shape and exit 0, starting nothing. */
class VersionOptionTest {
    @Test
    void versionPrintsOneLineAndExits() throws Exception {
        for (String flag : List.of("--version", "-v")) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), "dev.trib.node.net.Main", flag))
                    .redirectErrorStream(true).start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), flag);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            assertEquals(1, out.lines().count(), out);
            assertTrue(out.startsWith("trib-node v=7.0.15 "), out);
            // The release comes from the pom (through build.properties), with the commit it was built from.
            assertTrue(out.matches("(?s).* trib=" + Pattern.quote(System.getProperty("trib.version"))
                    + " commit=[0-9a-f]{12} .*"), out);
        }
    }
}
