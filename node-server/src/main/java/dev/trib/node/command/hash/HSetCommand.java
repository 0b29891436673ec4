package dev.trib.node.command.hash;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** HSET key field value [field value ...]: number of fields created; HMSET, its older form, answers OK. */
public record HSetCommand(Keyspace keyspace, boolean answerOk) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() % 2 == 1) {
            return Errors.wrongArity(answerOk ? "hmset" : "hset");
        }
        HashValue hash = Hashes.getOrCreate(keyspace, request.key(1));
        int longest = 0;
        for (int i = 2; i < request.argc(); i++) {
            longest = Math.max(longest, request.arg(i).length);
        }
        hash.prepareFor(longest);
        long created = 0;
        for (int i = 2; i < request.argc(); i += 2) {
            if (hash.put(Key.of(request.arg(i)), request.arg(i + 1))) {
                created++;
            }
        }
        return answerOk ? Replies.OK : Replies.integer(created);
    }
}
