package dev.trib.node.command.observe;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.CommandFlag;
import dev.trib.node.command.CommandObserver;
import dev.trib.node.command.CommandSpec;
import dev.trib.node.resp.SimpleStringReply;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The MONITOR clients, each sent every executed command (admin ones excepted, as in Redis) as a status line:
 * {@code +<seconds>.<micros> [<db> <ip:port>] "arg" ...} with arguments quoted as Redis's sdscatrepr does.
 */
public final class Monitors implements CommandObserver {
    private final Set<ClientSession> monitors = new LinkedHashSet<>();

    void add(ClientSession session) {
        monitors.add(session);
    }

    public void drop(ClientSession session) {
        monitors.remove(session);
    }

    @Override
    public void executed(CommandSpec spec, List<byte[]> argv, ClientSession session, long micros) {
        if (monitors.isEmpty() || spec.has(CommandFlag.ADMIN) || spec.has(CommandFlag.SKIP_MONITOR)) {
            return;
        }
        Instant now = Instant.now();
        StringBuilder line = new StringBuilder();
        line.append(now.getEpochSecond()).append('.').append(String.format("%06d", now.getNano() / 1000))
                .append(" [").append(session.db()).append(' ').append(session.address()).append("] ");
        for (int j = 0; j < argv.size(); j++) {
            quote(line, argv.get(j));
            if (j != argv.size() - 1) {
                line.append(' ');
            }
        }
        SimpleStringReply reply = new SimpleStringReply(line.toString());
        for (ClientSession monitor : monitors) {
            monitor.push(reply);
        }
    }

    /** Redis's sdscatrepr: a double-quoted string with C escapes and \xHH for other non-printable bytes. */
    static void quote(StringBuilder out, byte[] s) {
        out.append('"');
        for (byte b : s) {
            int c = b & 0xff;
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                default -> {
                    if (c >= 32 && c < 127) {
                        out.append((char) c);
                    } else {
                        out.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        out.append('"');
    }
}
