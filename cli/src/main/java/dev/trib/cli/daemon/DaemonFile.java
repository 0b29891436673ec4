package dev.trib.cli.daemon;

import dev.trib.cli.Environment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Where a running daemon can be reached: one line "PORT TOKEN PROOF PID", read by the launcher with bash's
 * {@code read}. Only its owner may read it: the token lets a connection run commands as that user, and the proof,
 * which the daemon sends first on every connection, shows the launcher it talks to the daemon and not to another
 * program that took the port of a daemon gone since (before it sends arguments and REDISCLI_AUTH).
 */
public record DaemonFile(int port, String token, String proof, long pid) {
    /** Set by the launcher: a file per installation (next to its class-data archive), so each jar has its daemon. */
    public static final String LOCATION_VARIABLE = "TRIB_DAEMON_FILE";

    public static Optional<Path> location(Environment environment) {
        return environment.get(LOCATION_VARIABLE).filter(s -> !s.isEmpty()).map(Path::of);
    }

    public static Optional<DaemonFile> read(Path file) {
        try {
            String[] f = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
            return f.length == 4
                    ? Optional.of(new DaemonFile(Integer.parseInt(f[0]), f[1], f[2], Long.parseLong(f[3])))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Written aside with owner-only permissions, then moved in: a reader never sees half a line. */
    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + "." + pid);
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create " + tmp, e);
        }
        Files.writeString(tmp, port + " " + token + " " + proof + " " + pid + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The line the daemon sends first on every connection. */
    String greeting() {
        return DaemonRequest.MAGIC + " " + proof + "\n";
    }

    /** Removes the file if it still names this daemon: a newer daemon's file is left alone. */
    void removeIfOurs(Path file) {
        if (read(file).filter(this::equals).isPresent()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the launcher then finds no daemon at that port and runs the command itself
            }
        }
    }
}
