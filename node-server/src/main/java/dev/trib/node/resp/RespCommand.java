package dev.trib.node.resp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A decoded request: the command name and its arguments, each a fresh array owned by the receiver. */
public record RespCommand(List<byte[]> args) {
    public RespCommand {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a command has at least a name");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RespCommand[");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(new String(args.get(i), StandardCharsets.ISO_8859_1));
        }
        return sb.append(']').toString();
    }
}
