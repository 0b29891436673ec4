package dev.trib.node.command.pubsub;

import dev.trib.node.command.ClientSession;
import dev.trib.node.keyspace.Key;
import dev.trib.node.resp.PushReply;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.Glob;
import dev.trib.planner.topology.KeySlot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who listens to what on this node: channels, patterns and shard channels, each with its subscribers, and each
 * client's own subscriptions. Used on the node's one event loop only. Delivery writes to the subscribers'
 * connections; what crosses to other nodes is the caller's (PUBLISH goes over the cluster bus).
 */
public final class PubSub {
    /** The three kinds of subscription, with the words Redis uses in their replies and messages. */
    public enum Kind {
        CHANNEL("subscribe", "unsubscribe"),
        PATTERN("psubscribe", "punsubscribe"),
        SHARD("ssubscribe", "sunsubscribe");

        final BulkReply subscribed;
        final BulkReply unsubscribed;

        Kind(String subscribed, String unsubscribed) {
            this.subscribed = BulkReply.of(subscribed);
            this.unsubscribed = BulkReply.of(unsubscribed);
        }
    }

    private static final BulkReply MESSAGE = BulkReply.of("message");
    private static final BulkReply PMESSAGE = BulkReply.of("pmessage");
    private static final BulkReply SMESSAGE = BulkReply.of("smessage");

    private final Map<Kind, Map<Key, Set<ClientSession>>> subscribers = new HashMap<>();
    private final Map<ClientSession, Map<Kind, Set<Key>>> byClient = new HashMap<>();

    public PubSub() {
        for (Kind k : Kind.values()) {
            subscribers.put(k, new LinkedHashMap<>());
        }
    }

    /** @return false when the client was already subscribed */
    public boolean subscribe(ClientSession client, Kind kind, Key name) {
        Set<Key> own = byClient.computeIfAbsent(client, c -> new HashMap<>())
                .computeIfAbsent(kind, k -> new LinkedHashSet<>());
        if (!own.add(name)) {
            return false;
        }
        subscribers.get(kind).computeIfAbsent(name, n -> new LinkedHashSet<>()).add(client);
        client.subscribed(true);
        return true;
    }

    /** @return false when the client was not subscribed */
    public boolean unsubscribe(ClientSession client, Kind kind, Key name) {
        Map<Kind, Set<Key>> own = byClient.get(client);
        if (own == null || own.get(kind) == null || !own.get(kind).remove(name)) {
            return false;
        }
        Map<Key, Set<ClientSession>> all = subscribers.get(kind);
        Set<ClientSession> listeners = all.get(name);
        listeners.remove(client);
        if (listeners.isEmpty()) {
            all.remove(name);
        }
        return true;
    }

    /** The client's subscriptions of one kind, in the order made. */
    public List<Key> subscriptions(ClientSession client, Kind kind) {
        Map<Kind, Set<Key>> own = byClient.get(client);
        return own == null || own.get(kind) == null ? List.of() : List.copyOf(own.get(kind));
    }

    /**
     * After a user's rules changed: each of its clients subscribed to a channel, pattern or shard channel the user
     * may no longer use is disconnected, as by Redis 7.0 (the client that ran ACL SETUSER gets its reply first).
     */
    public void dropRevoked(dev.trib.node.acl.AclUser user, java.util.List<ClientSession> clients,
                            ClientSession current) {
        if (user == null || user.allChannels()) {
            return;
        }
        for (ClientSession c : clients) {
            if (!c.user().equals(user.name()) || !byClient.containsKey(c)) {
                continue;
            }
            boolean revoked = false;
            for (Kind kind : Kind.values()) {
                for (Key name : subscriptions(c, kind)) {
                    revoked |= !user.canAccessChannel(name.bytes(), kind == Kind.PATTERN);
                }
            }
            if (!revoked) {
                continue;
            }
            if (c == current) {
                c.closeAfterReply();
            } else if (c.channel() != null) {
                c.channel().close();
            }
        }
    }

    /**
     * The count SUBSCRIBE and its kin report: channels plus patterns, or for shard channels those alone (as
     * Redis 7.0 counts them).
     */
    public int count(ClientSession client, Kind kind) {
        if (kind == Kind.SHARD) {
            return size(client, Kind.SHARD);
        }
        return size(client, Kind.CHANNEL) + size(client, Kind.PATTERN);
    }

    private int size(ClientSession client, Kind kind) {
        Map<Kind, Set<Key>> own = byClient.get(client);
        Set<Key> names = own == null ? null : own.get(kind);
        return names == null ? 0 : names.size();
    }

    /** After an unsubscribe: a client left with no subscription of any kind leaves the subscribed mode. */
    public void settle(ClientSession client) {
        if (count(client, Kind.CHANNEL) + count(client, Kind.SHARD) == 0) {
            byClient.remove(client);
            client.subscribed(false);
        }
    }

    /** A closed (or RESET) connection: every subscription goes, without notifying anyone. */
    public void drop(ClientSession client) {
        client.subscribed(false);
        Map<Kind, Set<Key>> own = byClient.remove(client);
        if (own == null) {
            return;
        }
        own.forEach((kind, names) -> {
            Map<Key, Set<ClientSession>> all = subscribers.get(kind);
            for (Key name : names) {
                Set<ClientSession> listeners = all.get(name);
                listeners.remove(client);
                if (listeners.isEmpty()) {
                    all.remove(name);
                }
            }
        });
    }

    /** ["subscribe", name, count] and its kin. */
    public PushReply confirmation(ClientSession client, Kind kind, boolean subscribed, RespReply name) {
        return new PushReply(List.of(subscribed ? kind.subscribed : kind.unsubscribed, name,
                Replies.integer(count(client, kind))));
    }

    /**
     * PUBLISH on this node: the channel's subscribers get a message, then each client with a matching pattern a
     * pmessage per pattern.
     *
     * @return how many deliveries were made
     */
    public int publish(byte[] channel, byte[] message) {
        Key name = Key.of(channel);
        BulkReply channelReply = new BulkReply(channel);
        BulkReply messageReply = new BulkReply(message);
        int receivers = deliver(subscribers.get(Kind.CHANNEL).get(name),
                new PushReply(List.of(MESSAGE, channelReply, messageReply)));
        for (Map.Entry<Key, Set<ClientSession>> e : subscribers.get(Kind.PATTERN).entrySet()) {
            if (Glob.matches(e.getKey().bytes(), channel)) {
                receivers += deliver(e.getValue(), new PushReply(List.of(PMESSAGE, new BulkReply(e.getKey().bytes()),
                        channelReply, messageReply)));
            }
        }
        return receivers;
    }

    /** SPUBLISH on this node: the shard channel's subscribers get an smessage. */
    public int publishShard(byte[] channel, byte[] message) {
        return deliver(subscribers.get(Kind.SHARD).get(Key.of(channel)),
                new PushReply(List.of(SMESSAGE, new BulkReply(channel), new BulkReply(message))));
    }

    private static int deliver(Set<ClientSession> listeners, PushReply reply) {
        if (listeners == null) {
            return 0;
        }
        for (ClientSession c : listeners) {
            c.push(reply);
        }
        return listeners.size();
    }

    /** Channels (or shard channels) with at least one subscriber, matching the pattern when one is given. */
    public List<byte[]> active(Kind kind, byte[] pattern) {
        List<byte[]> out = new ArrayList<>();
        for (Key name : subscribers.get(kind).keySet()) {
            if (pattern == null || Glob.matches(pattern, name.bytes())) {
                out.add(name.bytes());
            }
        }
        return out;
    }

    public int subscriberCount(Kind kind, byte[] name) {
        Set<ClientSession> listeners = subscribers.get(kind).get(Key.of(name));
        return listeners == null ? 0 : listeners.size();
    }

    public boolean hasShardChannels() {
        return !subscribers.get(Kind.SHARD).isEmpty();
    }

    /**
     * The shard channels of slots this node's shard no longer serves: every subscriber is unsubscribed and told so
     * with an sunsubscribe, as Redis does when a slot leaves the shard.
     */
    public void dropShardChannels(java.util.BitSet slots) {
        if (slots.isEmpty()) {
            return;
        }
        List<Key> gone = subscribers.get(Kind.SHARD).keySet().stream()
                .filter(name -> slots.get(KeySlot.of(name.bytes()))).toList();
        for (Key name : gone) {
            for (ClientSession client : List.copyOf(subscribers.get(Kind.SHARD).get(name))) {
                unsubscribe(client, Kind.SHARD, name);
                client.push(confirmation(client, Kind.SHARD, false, new BulkReply(name.bytes())));
                settle(client);
            }
        }
    }

    /** PUBSUB NUMPAT: distinct patterns with a subscriber. */
    public int patternCount() {
        return subscribers.get(Kind.PATTERN).size();
    }
}
