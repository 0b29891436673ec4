package dev.trib.node.command.server;

import dev.trib.node.command.CommandFlag;
import dev.trib.node.command.CommandSpec;
import dev.trib.node.command.NumKeysCommand;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.SetReply;
import dev.trib.node.resp.SimpleStringReply;
import java.util.ArrayList;
import java.util.List;

/**
 * COMMAND / COMMAND INFO entries in Redis 7.0's ten-element shape; in RESP3, flags, categories, tips and key specs
 * are sets and each key spec and its parts maps, as redis-server writes them.
 */
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
                new SetReply(flags),
                Replies.integer(spec.firstKey()),
                Replies.integer(spec.lastKey()),
                Replies.integer(spec.keyStep()),
                Replies.EMPTY_SET,
                Replies.EMPTY_SET,
                keySpecs(spec),
                Replies.array(subs)));
    }

    private static RespReply keySpecs(CommandSpec spec) {
        if (spec.command() instanceof NumKeysCommand counted) {
            // As Redis: the keys after their count (and a STORE form's destination before it).
            RespReply keynum = keySpec("index", fields("index", counted.numkeysIndex()),
                    "keynum", fields("keynumidx", 0, "firstkey", 1, "keystep", 1));
            return new SetReply(spec.hasKeys() ? List.of(rangeSpec(spec), keynum) : List.of(keynum));
        }
        if (!spec.hasKeys()) {
            return Replies.EMPTY_SET;
        }
        RespReply one = rangeSpec(spec);
        if (spec.name().equals("migrate")) {
            // As Redis: the keys after the last KEYS keyword, searched from the end.
            RespReply keys = keySpec("keyword", List.of(BulkReply.of("keyword"), BulkReply.of("KEYS"),
                    BulkReply.of("startfrom"), Replies.integer(-2)),
                    "range", fields("lastkey", -1, "keystep", 1, "limit", 0));
            return new SetReply(List.of(one, keys));
        }
        return new SetReply(List.of(one));
    }

    /** The key spec of the table's first/last/step: from the first key, a range. */
    private static RespReply rangeSpec(CommandSpec spec) {
        int lastKey = spec.lastKey() < 0 ? spec.lastKey() : spec.lastKey() - spec.firstKey();
        return keySpec("index", fields("index", spec.firstKey()),
                "range", fields("lastkey", lastKey, "keystep", spec.keyStep(), "limit", 0));
    }

    /** Name, number, name, number ... as a key spec's fields. */
    private static List<RespReply> fields(Object... namesAndNumbers) {
        List<RespReply> out = new ArrayList<>(namesAndNumbers.length);
        for (int i = 0; i < namesAndNumbers.length; i += 2) {
            out.add(BulkReply.of((String) namesAndNumbers[i]));
            out.add(Replies.integer((Integer) namesAndNumbers[i + 1]));
        }
        return out;
    }

    /** A key spec without flags: how the search begins and how keys are found from there. */
    private static RespReply keySpec(String beginType, List<RespReply> begin, String findType, List<RespReply> find) {
        return Replies.map(List.of(
                BulkReply.of("flags"), Replies.EMPTY_SET,
                BulkReply.of("begin_search"), Replies.map(List.of(
                        BulkReply.of("type"), BulkReply.of(beginType), BulkReply.of("spec"), Replies.map(begin))),
                BulkReply.of("find_keys"), Replies.map(List.of(
                        BulkReply.of("type"), BulkReply.of(findType),
                        BulkReply.of("spec"), Replies.map(find)))));
    }
}
