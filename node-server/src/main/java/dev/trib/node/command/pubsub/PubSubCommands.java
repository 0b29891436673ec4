package dev.trib.node.command.pubsub;

import dev.trib.node.command.CommandTable;

import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.LOADING;
import static dev.trib.node.command.CommandFlag.MAY_REPLICATE;
import static dev.trib.node.command.CommandFlag.NOSCRIPT;
import static dev.trib.node.command.CommandFlag.PUBSUB;
import static dev.trib.node.command.CommandFlag.STALE;

/**
 * Pub/sub with Redis 7.0's arities and flags. Shard channels are keys (SSUBSCRIBE, SUNSUBSCRIBE, SPUBLISH), so
 * cluster mode routes them by slot; the others take none.
 */
public final class PubSubCommands {
    private PubSubCommands() {
    }

    public static void register(CommandTable table, PubSub pubsub, PublishCommand.BusPublisher bus) {
        table.addKeyless("subscribe", -2, new SubscribeCommand(pubsub, PubSub.Kind.CHANNEL), PUBSUB, NOSCRIPT,
                        LOADING, STALE)
                .addKeyless("psubscribe", -2, new SubscribeCommand(pubsub, PubSub.Kind.PATTERN), PUBSUB, NOSCRIPT,
                        LOADING, STALE)
                .add("ssubscribe", -2, 1, -1, 1, new SubscribeCommand(pubsub, PubSub.Kind.SHARD), PUBSUB, NOSCRIPT,
                        LOADING, STALE)
                .addKeyless("unsubscribe", -1, new UnsubscribeCommand(pubsub, PubSub.Kind.CHANNEL), PUBSUB,
                        NOSCRIPT, LOADING, STALE)
                .addKeyless("punsubscribe", -1, new UnsubscribeCommand(pubsub, PubSub.Kind.PATTERN), PUBSUB,
                        NOSCRIPT, LOADING, STALE)
                .add("sunsubscribe", -1, 1, -1, 1, new UnsubscribeCommand(pubsub, PubSub.Kind.SHARD), PUBSUB,
                        NOSCRIPT, LOADING, STALE)
                .addKeyless("publish", 3, new PublishCommand(pubsub, bus, false), PUBSUB, LOADING, STALE, FAST,
                        MAY_REPLICATE)
                .addSingleKey("spublish", 3, new PublishCommand(pubsub, bus, true), PUBSUB, LOADING, STALE, FAST,
                        MAY_REPLICATE)
                .addKeyless("pubsub", -2, null)
                .addSubcommand("pubsub", "channels", -2,
                        new PubsubIntrospection.Channels(pubsub, PubSub.Kind.CHANNEL), PUBSUB, LOADING, STALE)
                .addSubcommand("pubsub", "shardchannels", -2,
                        new PubsubIntrospection.Channels(pubsub, PubSub.Kind.SHARD), PUBSUB, LOADING, STALE)
                .addSubcommand("pubsub", "numsub", -2,
                        new PubsubIntrospection.NumSub(pubsub, PubSub.Kind.CHANNEL), PUBSUB, LOADING, STALE)
                .addSubcommand("pubsub", "shardnumsub", -2,
                        new PubsubIntrospection.NumSub(pubsub, PubSub.Kind.SHARD), PUBSUB, LOADING, STALE)
                .addSubcommand("pubsub", "numpat", 2, new PubsubIntrospection.NumPat(pubsub), PUBSUB, LOADING,
                        STALE);
    }
}
