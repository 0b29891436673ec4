package dev.trib.commands.node;

import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodeAddress;
import dev.trib.planner.topology.NodesParser;
import dev.trib.planner.topology.SlotRange;
import dev.trib.planner.topology.SlotSet;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link NodeClient} over one lettuce connection. Commands are sent raw so each reply format is ours to parse. */
final class LettuceNodeClient implements NodeClient {
    private final HostAndPort address;
    private final StatefulRedisConnection<String, String> connection;

    LettuceNodeClient(HostAndPort address, StatefulRedisConnection<String, String> connection) {
        this.address = address;
        this.connection = connection;
    }

    @Override
    public HostAndPort address() {
        return address;
    }

    @Override
    public String clusterNodesRaw() {
        return bulk(CommandType.CLUSTER, "NODES");
    }

    @Override
    public ClusterView clusterView() {
        ClusterView view = NodesParser.parse(clusterNodesRaw());
        if (view.myself().map(m -> m.address().hasIp()).orElse(true)) {
            return view;
        }
        // A node that was never MEETed prints ":port@cport" for itself; we know where we reached it.
        List<ClusterNode> fixed = view.nodes().stream().map(n -> n.isMyself()
                ? n.withAddress(new NodeAddress(address.host(), n.address().port(), n.address().clusterPort(),
                n.address().hostname()))
                : n).toList();
        return new ClusterView(fixed);
    }

    @Override
    public Map<String, String> clusterInfo() {
        return keyValues(bulk(CommandType.CLUSTER, "INFO"));
    }

    @Override
    public Map<String, String> info(String section) {
        return keyValues(bulk(CommandType.INFO, section));
    }

    @Override
    public long dbSize() {
        return run(new IntegerOutput<>(StringCodec.UTF8), CommandType.DBSIZE);
    }

    @Override
    public void addSlots(SlotSet slots) {
        List<SlotRange> ranges = slots.ranges();
        if (ranges.isEmpty()) {
            return;
        }
        Object[] args = new Object[1 + 2 * ranges.size()];
        args[0] = "ADDSLOTSRANGE";
        int i = 1;
        for (SlotRange r : ranges) {
            args[i++] = r.start();
            args[i++] = r.end();
        }
        status(CommandType.CLUSTER, args);
    }

    @Override
    public void setConfigEpoch(long epoch) {
        status(CommandType.CLUSTER, "SET-CONFIG-EPOCH", epoch);
    }

    @Override
    public void meet(String ip, int port, int clusterPort) {
        status(CommandType.CLUSTER, "MEET", ip, port, clusterPort);
    }

    @Override
    public void replicate(String masterId) {
        status(CommandType.CLUSTER, "REPLICATE", masterId);
    }

    @Override
    public void close() {
        connection.closeAsync();
    }

    private String bulk(ProtocolKeyword type, Object... args) {
        return run(new StatusOutput<>(StringCodec.UTF8), type, args);
    }

    private String status(ProtocolKeyword type, Object... args) {
        return run(new StatusOutput<>(StringCodec.UTF8), type, args);
    }

    private <T> T run(CommandOutput<String, String, T> output, ProtocolKeyword type, Object... args) {
        CommandArgs<String, String> commandArgs = new CommandArgs<>(StringCodec.UTF8);
        for (Object a : args) {
            if (a instanceof Number n) {
                commandArgs.add(n.longValue());
            } else {
                commandArgs.add(a.toString());
            }
        }
        try {
            return connection.sync().dispatch(type, output, commandArgs);
        } catch (RedisCommandExecutionException e) {
            if (Failures.isAccessFailure(e)) {
                throw new NodeAccessException(address, Failures.reason(e), e);
            }
            throw new NodeCommandException(address, describe(type, args), e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new NodeAccessException(address, Failures.reason(e), e);
        }
    }

    private static String describe(ProtocolKeyword type, Object[] args) {
        String first = args.length > 0 ? " " + args[0] : "";
        return (type.toString() + first).toUpperCase(java.util.Locale.ROOT);
    }

    static Map<String, String> keyValues(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "NodeClient[" + address + "]";
    }
}
