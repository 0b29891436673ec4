package dev.trib.commands.node;

import dev.trib.commands.node.SlotCommands.MigrateAuth;
import dev.trib.commands.node.resp.Reply;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.SlotSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Protocol steps for one node, sent together in one round trip by {@link #send()}; each step then holds its
 * {@link Answer}: what the node's reply means for that step (a count, the keys of a slot, "no such keys"), or the
 * refusal as a {@link NodeError}. The commands are spelled by {@link SlotCommands}; replies are read here, so no
 * caller sees raw RESP. Not thread-safe: one batch per caller.
 */
public final class Batch {
    private final Function<List<Object[]>, List<Reply>> transport;
    private final List<Step<?>> steps = new ArrayList<>();
    private boolean sent;

    Batch(Function<List<Object[]>, List<Reply>> transport) {
        this.transport = transport;
    }

    /** One step of a batch: its answer is there once the batch was sent. */
    public static final class Step<T> {
        private final List<Object[]> commands;
        private final Function<List<Reply>, Answer<T>> decode;
        private Answer<T> answer;

        private Step(List<Object[]> commands, Function<List<Reply>, Answer<T>> decode) {
            this.commands = commands;
            this.decode = decode;
        }

        public Answer<T> answer() {
            if (answer == null) {
                throw new IllegalStateException("the batch holding " + command() + " was not sent");
            }
            return answer;
        }

        /** The command as messages name it: {@code CLUSTER SETSLOT}, {@code MIGRATE}. */
        public String command() {
            return describe(commands.get(commands.size() - 1));
        }
    }

    /** What MIGRATE did when the node accepted it. */
    public enum Migrated {
        /** The keys now live on the target (or, with COPY, on both). */
        MOVED,
        /** None of the keys existed any more (NOKEY). */
        NO_KEYS
    }

    /**
     * One MIGRATE of keys of one slot (the source answers CROSSSLOT otherwise).
     *
     * @param copy keep the keys on the source too
     */
    public record Migrate(HostAndPort target, List<byte[]> keys, int timeoutMs, boolean copy, boolean replace,
                          MigrateAuth auth) {
    }

    /** A page of SCAN: the next cursor ("0" once the keyspace was walked) and the keys found. */
    public record ScanPage(String cursor, List<byte[]> keys) {
    }

    public Step<Void> importing(int slot, String sourceId) {
        return done(SlotCommands.importing(slot, sourceId));
    }

    public Step<Void> migrating(int slot, String targetId) {
        return done(SlotCommands.migrating(slot, targetId));
    }

    /** CLUSTER SETSLOT slot NODE owner: refused with {@link NodeError.Kind#HOLDS_KEYS} while keys are left. */
    public Step<Void> node(int slot, String ownerId) {
        return done(SlotCommands.node(slot, ownerId));
    }

    public Step<Void> stable(int slot) {
        return done(SlotCommands.stable(slot));
    }

    public Step<Void> delSlot(int slot) {
        return done(new Object[] {"CLUSTER", "DELSLOTS", slot});
    }

    /** CLUSTER MEET: this node starts a handshake with the node whose bus listens at ip:clusterPort. */
    public Step<Void> meet(String ip, int port, int clusterPort) {
        return done(new Object[] {"CLUSTER", "MEET", ip, port, clusterPort});
    }

    public Step<Void> bumpEpoch() {
        return done(new Object[] {"CLUSTER", "BUMPEPOCH"});
    }

    /** ASKING: the next command may touch a slot this node is importing. */
    public Step<Void> asking() {
        return done(SlotCommands.asking());
    }

    /** CLUSTER FAILOVER [FORCE|TAKEOVER] on a replica. */
    public Step<Void> failover(Optional<String> mode) {
        return done(mode.map(m -> new Object[] {"CLUSTER", "FAILOVER", m})
                .orElse(new Object[] {"CLUSTER", "FAILOVER"}));
    }

    public Step<Long> countKeysInSlot(int slot) {
        return single(SlotCommands.countKeysInSlot(slot), Batch::integer);
    }

    /** Up to {@code count} keys of the slot; an empty list once the slot holds none. */
    public Step<List<byte[]>> getKeysInSlot(int slot, int count) {
        return single(SlotCommands.getKeysInSlot(slot, count), Batch::keys);
    }

    public Step<Boolean> exists(byte[] key) {
        return single(new Object[] {"EXISTS", key}, r -> integer(r) instanceof Answer.Ok<Long> n
                ? Answer.ok(n.value() == 1) : Answer.refused(errorOf(r)));
    }

    /** MEMORY USAGE key: empty when the key is gone (it expired since it was listed). */
    public Step<OptionalLong> memoryUsage(byte[] key) {
        return single(new Object[] {"MEMORY", "USAGE", key}, r -> r instanceof Reply.Nil
                ? Answer.ok(OptionalLong.empty()) : r instanceof Reply.Int n ? Answer.ok(OptionalLong.of(n.value()))
                : Answer.refused(errorOf(r)));
    }

    /** CONFIG GET name: empty when the server has no such parameter. */
    public Step<Optional<String>> configGet(String name) {
        return single(new Object[] {"CONFIG", "GET", name}, r -> r instanceof Reply.Array a
                ? Answer.ok(a.items().size() == 2 ? Optional.of(text(a.items().get(1))) : Optional.<String>empty())
                : Answer.refused(errorOf(r)));
    }

    /** INFO section: the section's text. */
    public Step<String> info(String section) {
        return single(new Object[] {"INFO", section}, r -> r instanceof Reply.Bulk b ? Answer.ok(b.text())
                : Answer.refused(errorOf(r)));
    }

    /**
     * ACL DRYRUN user command args...: empty when the user may run it, else the server's reason. Refused when the
     * caller may not ask, the user is unknown, or the server has no such command.
     */
    public Step<Optional<String>> aclDryRun(String user, List<?> command) {
        List<Object> args = new ArrayList<>(List.of("ACL", "DRYRUN", user));
        args.addAll(command);
        return single(args.toArray(), r -> r instanceof Reply.Error ? Answer.refused(errorOf(r))
                : "OK".equals(text(r)) ? Answer.ok(Optional.<String>empty()) : Answer.ok(Optional.of(text(r))));
    }

    public Step<ScanPage> scan(String cursor, int count) {
        return single(new Object[] {"SCAN", cursor, "COUNT", count}, r -> {
            if (r instanceof Reply.Array a && a.items().size() == 2) {
                Answer<List<byte[]>> keys = keys(a.items().get(1));
                if (keys instanceof Answer.Ok<List<byte[]>> k) {
                    return Answer.ok(new ScanPage(text(a.items().get(0)), k.value()));
                }
            }
            return Answer.refused(errorOf(r));
        });
    }

    /** MIGRATE host port "" 0 timeout [COPY] [REPLACE] [AUTH ...] KEYS k...: the keys go to the target whole. */
    public Step<Migrated> migrate(Migrate m) {
        Object[] args = SlotCommands.migrate(m.target().host(), m.target().port(), m.keys(), m.timeoutMs(),
                m.replace(), m.auth());
        if (m.copy()) {
            // COPY goes among MIGRATE's options, right after the timeout (argument 6).
            List<Object> withCopy = new ArrayList<>(Arrays.asList(args));
            withCopy.add(6, "COPY");
            args = withCopy.toArray();
        }
        return single(args, r -> r instanceof Reply.Simple s ? Answer.ok("NOKEY".equals(s.text()) ? Migrated.NO_KEYS
                : Migrated.MOVED) : Answer.refused(errorOf(r)));
    }

    /**
     * The node takes the slots in one MULTI (releasing {@code release} first, or ADDSLOTS says "already busy"), then
     * a fresh, highest epoch: it never drops a slot without taking it. Refused with the first error inside.
     */
    public Step<Void> takeSlots(SlotSet release, SlotSet take, ServerVersion server) {
        List<Object[]> tx = new ArrayList<>();
        tx.add(new Object[] {"MULTI"});
        if (!release.isEmpty()) {
            tx.add(SlotCommands.delSlots(release, server));
        }
        tx.add(SlotCommands.addSlots(take, server));
        tx.add(new Object[] {"CLUSTER", "BUMPEPOCH"});
        tx.add(new Object[] {"EXEC"});
        return add(tx, replies -> {
            Reply exec = replies.get(replies.size() - 1);
            List<Reply> results = exec instanceof Reply.Array a ? a.items() : List.of(exec);
            for (Reply r : results) {
                if (r instanceof Reply.Error e) {
                    return Answer.refused(NodeError.of(e.message()));
                }
            }
            return Answer.ok(null);
        });
    }

    /** Sends every step added since the last send in one round trip; each step then holds its answer. */
    public void send() {
        List<Step<?>> pending = steps.stream().filter(s -> s.answer == null).toList();
        if (pending.isEmpty()) {
            return;
        }
        List<Object[]> commands = new ArrayList<>();
        pending.forEach(s -> commands.addAll(s.commands));
        List<Reply> replies = transport.apply(commands);
        int at = 0;
        for (Step<?> s : pending) {
            answer(s, replies.subList(at, at + s.commands.size()));
            at += s.commands.size();
        }
        sent = true;
    }

    /** True once {@link #send()} ran. */
    public boolean sent() {
        return sent;
    }

    private static <T> void answer(Step<T> step, List<Reply> replies) {
        step.answer = step.decode.apply(replies);
    }

    private Step<Void> done(Object[] command) {
        return single(command, r -> r instanceof Reply.Error e ? Answer.refused(NodeError.of(e.message()))
                : Answer.ok(null));
    }

    private <T> Step<T> single(Object[] command, Function<Reply, Answer<T>> decode) {
        return add(List.<Object[]>of(command), replies -> decode.apply(replies.get(0)));
    }

    private <T> Step<T> add(List<Object[]> commands, Function<List<Reply>, Answer<T>> decode) {
        Step<T> s = new Step<>(commands, decode);
        steps.add(s);
        return s;
    }

    private static Answer<Long> integer(Reply r) {
        return r instanceof Reply.Int n ? Answer.ok(n.value()) : Answer.refused(errorOf(r));
    }

    private static Answer<List<byte[]>> keys(Reply r) {
        if (r instanceof Reply.Array a) {
            List<byte[]> keys = new ArrayList<>(a.items().size());
            for (Reply k : a.items()) {
                if (!(k instanceof Reply.Bulk b)) {
                    return Answer.refused(errorOf(k));
                }
                keys.add(b.data());
            }
            return Answer.ok(keys);
        }
        return Answer.refused(errorOf(r));
    }

    /** The error a reply carries, or a protocol complaint when a step got a reply of the wrong shape. */
    static NodeError errorOf(Reply r) {
        return NodeError.of(r instanceof Reply.Error e ? e.message() : "unexpected reply: " + r);
    }

    static String text(Reply r) {
        return r instanceof Reply.Bulk b ? b.text() : r.toString();
    }

    static String describe(Object[] args) {
        String cmd = args[0].toString().toUpperCase(Locale.ROOT);
        return args.length > 1 && cmd.equals("CLUSTER") ? cmd + " " + args[1].toString().toUpperCase(Locale.ROOT)
                : cmd;
    }
}
