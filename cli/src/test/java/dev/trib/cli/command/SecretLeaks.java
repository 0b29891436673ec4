package dev.trib.cli.command;

import dev.trib.cli.TribRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The secret-leak search the TLS/ACL tests share: neither the password nor the client key in any output or file. */
final class SecretLeaks {
    private SecretLeaks() {
    }

    /**
     * @param outputs  every trib run of the test
     * @param dir      where trib wrote journals and plans (a file named "pw" holding the password is skipped)
     * @param clientKey the client key; a piece of its base64 body is searched for
     */
    static void assertNone(List<TribRunner.Result> outputs, Path dir, String password, Path clientKey)
            throws IOException {
        String key = Files.readAllLines(clientKey).get(1).substring(0, 40);
        for (TribRunner.Result r : outputs) {
            assertFalse(r.out().contains(password) || r.err().contains(password), "password in output: " + r);
            assertFalse(r.out().contains(key) || r.err().contains(key), "client key in output: " + r);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("pw")).toList();
        }
        assertTrue(files.size() >= 2, "journal and plan written: " + files);
        for (Path f : files) {
            String text = Files.readString(f);
            assertFalse(text.contains(password) || text.contains(key), "secret in " + f);
        }
    }
}
