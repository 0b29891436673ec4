package dev.trib.node.command.server;

import dev.trib.node.command.CommandFlag;
import dev.trib.node.command.CommandSpec;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.SimpleStringReply;
import java.util.ArrayList;
import java.util.List;

/** COMMAND / COMMAND INFO entries in Redis 7.0's ten-element shape. */
final class CommandInfoReplies {
    private CommandInfoReplies() {
    }

    static RespReply entry(CommandSpec spec) {
        List<RespReply> flags = new ArrayList<>();
        for (CommandFlag f : CommandFlag.values()) {
            if (spec.has(f)) {
                flags.add(new SimpleStringReply(f.wireName()));
            }
        }
        List<RespReply> subs = new ArrayList<>();
        for (CommandSpec sub : spec.subcommandsView().values()) {
            subs.add(entry(sub));
        }
        return Replies.array(List.of(
                BulkReply.of(spec.name()),
                Replies.integer(spec.arity()),
                Replies.array(flags),
                Replies.integer(spec.firstKey()),
                Replies.integer(spec.lastKey()),
                Replies.integer(spec.keyStep()),
                Replies.EMPTY_ARRAY,
                Replies.EMPTY_ARRAY,
                keySpecs(spec),
                Replies.array(subs)));
    }

    private static RespReply keySpecs(CommandSpec spec) {
        if (!spec.hasKeys()) {
            return Replies.EMPTY_ARRAY;
        }
        int lastKey = spec.lastKey() < 0 ? spec.lastKey() : spec.lastKey() - spec.firstKey();
        RespReply one = Replies.array(List.of(
                BulkReply.of("flags"), Replies.EMPTY_ARRAY,
                BulkReply.of("begin_search"), Replies.array(List.of(
                        BulkReply.of("type"), BulkReply.of("index"),
                        BulkReply.of("spec"), Replies.array(List.of(BulkReply.of("index"),
                                Replies.integer(spec.firstKey()))))),
                BulkReply.of("find_keys"), Replies.array(List.of(
                        BulkReply.of("type"), BulkReply.of("range"),
                        BulkReply.of("spec"), Replies.array(List.of(
                                BulkReply.of("lastkey"), Replies.integer(lastKey),
                                BulkReply.of("keystep"), Replies.integer(spec.keyStep()),
                                BulkReply.of("limit"), Replies.integer(0)))))));
        if (spec.name().equals("migrate")) {
            // As Redis: the keys after the last KEYS keyword, searched from the end.
            RespReply keys = Replies.array(List.of(
                    BulkReply.of("flags"), Replies.EMPTY_ARRAY,
                    BulkReply.of("begin_search"), Replies.array(List.of(
                            BulkReply.of("type"), BulkReply.of("keyword"),
                            BulkReply.of("spec"), Replies.array(List.of(
                                    BulkReply.of("keyword"), BulkReply.of("KEYS"),
                                    BulkReply.of("startfrom"), Replies.integer(-2))))),
                    BulkReply.of("find_keys"), Replies.array(List.of(
                            BulkReply.of("type"), BulkReply.of("range"),
                            BulkReply.of("spec"), Replies.array(List.of(
                                    BulkReply.of("lastkey"), Replies.integer(-1),
                                    BulkReply.of("keystep"), Replies.integer(1),
                                    BulkReply.of("limit"), Replies.integer(0)))))));
            return Replies.array(List.of(one, keys));
        }
        return Replies.array(List.of(one));
    }
}
