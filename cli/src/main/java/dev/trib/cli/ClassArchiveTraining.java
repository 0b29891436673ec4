package dev.trib.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * For bin/trib's class-data-sharing archive: loads (without initialising) every class in trib's jar, so the archive
 * made at exit holds all of them, not only those one sample command touches. Class loading and verification are
 * most of a short command's start-up; a migration or a prompt would otherwise pay for its classes on every run.
 */
final class ClassArchiveTraining {
    private ClassArchiveTraining() {
    }

    static void loadEveryClass() {
        Path jar;
        try {
            jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            return;
        }
        if (!jar.toString().endsWith(".jar")) {
            return;
        }
        ClassLoader loader = Main.class.getClassLoader();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.contains("-") && !n.startsWith("META-INF/"))
                    .forEach(n -> {
                        try {
                            Class.forName(n.substring(0, n.length() - 6).replace('/', '.'), false, loader);
                        } catch (Throwable optionalOrPlatformSpecific) {
                            // e.g. jline's classes for other platforms: skipped, as a normal run would never load them
                        }
                    });
        } catch (IOException e) {
            // no archive content beyond the defaults: start-up is slower, nothing else changes
        }
    }
}
