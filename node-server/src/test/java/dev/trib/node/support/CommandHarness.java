package dev.trib.node.support;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.command.CommandTable;
import dev.trib.node.command.standard.StandardCommands;
import dev.trib.node.command.tx.TransactionCommands;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.RespLimits;
import dev.trib.node.resp.RespReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Runs commands straight through the dispatcher with a hand-driven clock; replies come back as wire text. */
public final class CommandHarness {
    public final MutableClock clock = new MutableClock(1_700_000_000_000L);
    public final Keyspace keyspace = new Keyspace(clock);
    public final ClientSession session = new ClientSession();
    private final CommandDispatcher dispatcher;

    public CommandHarness() {
        CommandTable table = StandardCommands.create(keyspace, RespLimits.DEFAULT_MAX_BULK_LENGTH, new Random(5));
        dispatcher = new CommandDispatcher(table, keyspace.watches());
        TransactionCommands.register(table, dispatcher, keyspace);
    }

    public String run(String... args) {
        return runAs(session, args);
    }

    /** Runs a command as another client (a second session changing a WATCHed key). */
    public String runAs(ClientSession client, String... args) {
        List<byte[]> argv = new ArrayList<>();
        for (String a : args) {
            argv.add(a.getBytes(StandardCharsets.ISO_8859_1));
        }
        RespReply reply = dispatcher.dispatch(argv, client);
        return reply == null ? null : Resp.wire(reply);
    }

    public CommandDispatcher dispatcher() {
        return dispatcher;
    }

    /** Wire text of a bulk string. */
    public static String bulk(String s) {
        return "$" + s.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n" + s + "\r\n";
    }

    /** Wire text of an array of bulk strings. */
    public static String bulks(String... items) {
        StringBuilder sb = new StringBuilder("*" + items.length + "\r\n");
        for (String s : items) {
            sb.append(s == null ? "$-1\r\n" : bulk(s));
        }
        return sb.toString();
    }

    public static String integer(long n) {
        return ":" + n + "\r\n";
    }

    public static String error(String text) {
        return "-" + text + "\r\n";
    }

    public static final String OK = "+OK\r\n";
    public static final String NIL = "$-1\r\n";
    public static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
}
