package dev.trib.node.command.keys;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.Glob;
import java.util.ArrayList;
import java.util.List;

/** KEYS pattern: every live key matching the glob pattern; expired keys are skipped, not deleted. */
public record KeysCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        byte[] pattern = request.arg(1);
        boolean all = Glob.matchesEverything(pattern);
        List<byte[]> out = new ArrayList<>();
        keyspace.forEachEntry(e -> {
            byte[] key = e.key().bytes();
            if ((all || Glob.matches(pattern, key)) && !keyspace.isExpired(e)) {
                out.add(key);
            }
        });
        return Replies.bulks(out);
    }
}
