package dev.trib.commands.ops;

import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.node.SlotCommands;
import dev.trib.commands.node.SlotCommands.MigrateAuth;
import dev.trib.commands.node.resp.RespConnection;
import dev.trib.commands.node.resp.RespError;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.KeySlot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * {@code trib import}: moves (or copies) every key of a standalone Redis into the cluster, each to the master
 * that owns its slot. The source is scanned in batches; each batch becomes one MIGRATE ... KEYS per owner, all
 * pipelined, so a batch costs one round trip. MIGRATE carries TTLs with the values.
 */
public final class ImportOperation {
    private static final int SCAN_COUNT = 1000;

    private final NodeConnector sourceConnector;

    /** @param sourceConnector connects with the source's own credentials */
    public ImportOperation(NodeConnector sourceConnector) {
        this.sourceConnector = sourceConnector;
    }

    /** What to import and how. */
    public record Request(HostAndPort source, boolean copy, boolean replace, int timeoutMs, MigrateAuth clusterAuth) {
    }

    /** @param stopped a stop was requested before the source was exhausted */
    public record Result(long keysImported, boolean stopped) {
    }

    private volatile boolean stopRequested;

    /** From a Ctrl-C hook: finish the batch in flight (each MIGRATE moves its keys whole), start no other. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Why a target refused the source's DUMP payloads, when that is its RDB format: the cluster is older. */
    private static String olderTarget(NodeClient source, RespError err) {
        return err.message().contains("payload version") ? " (the source runs Redis " + source.serverVersion()
                + ", whose data format older servers cannot load: import into servers at least as new)" : "";
    }

    /** The source must be reachable and not a cluster node (its keys have no single owner there). */
    public NodeClient validateSource(HostAndPort source) {
        NodeClient client = sourceConnector.connect(source);
        if ("1".equals(client.info("cluster").get("cluster_enabled"))) {
            throw new OperationRefusedException("The source " + source + " is a cluster node: import takes keys "
                    + "from a standalone Redis (use reshard to move slots between clusters' masters).");
        }
        return client;
    }

    /**
     * @param cluster a healthy snapshot of the target cluster (every slot owned)
     * @param progress told the running count of imported keys
     */
    public Result run(NodeClient source, ClusterSnapshot cluster, Request request, LongConsumer progress) {
        Map<Integer, String> ownerOf = ReshardOperation.owners(cluster);
        Map<String, HostAndPort> masters = ReshardOperation.masters(cluster);
        long imported = 0;
        String cursor = "0";
        do {
            List<Object> scan = source.pipeline(List.<Object[]>of(new Object[] {"SCAN", cursor, "COUNT", SCAN_COUNT}));
            if (scan.get(0) instanceof RespError err) {
                throw new OperationRefusedException(source.address() + " answered SCAN with: " + err);
            }
            @SuppressWarnings("unchecked")
            List<Object> page = (List<Object>) scan.get(0);
            cursor = RespConnection.text(page.get(0));
            @SuppressWarnings("unchecked")
            List<Object> keys = (List<Object>) page.get(1);
            Map<String, List<byte[]>> byOwner = new LinkedHashMap<>();
            for (Object k : keys) {
                byte[] key = (byte[]) k;
                byOwner.computeIfAbsent(ownerOf.get(KeySlot.of(key)), o -> new ArrayList<>()).add(key);
            }
            List<Object[]> migrates = new ArrayList<>();
            List<String> owners = new ArrayList<>(byOwner.keySet());
            for (String owner : owners) {
                HostAndPort target = masters.get(owner);
                Object[] m = SlotCommands.migrate(target.host(), target.port(), byOwner.get(owner),
                        request.timeoutMs(), request.replace(), request.clusterAuth());
                migrates.add(request.copy() ? withCopy(m) : m);
            }
            List<Object> replies = migrates.isEmpty() ? List.of() : source.pipeline(migrates);
            for (int i = 0; i < replies.size(); i++) {
                if (replies.get(i) instanceof RespError err) {
                    List<byte[]> batch = byOwner.get(owners.get(i));
                    String first = RespConnection.text(batch.get(0));
                    throw new OperationRefusedException(err.message().contains("BUSYKEY")
                            ? "Keys already exist in the cluster (first of the batch: " + first + ", on "
                            + masters.get(owners.get(i)) + "); nothing was overwritten. " + imported + " keys were "
                            + "imported before. Rerun with --replace to overwrite them."
                            : "Could not import key " + first + " (or one of " + (batch.size() - 1)
                            + " others in its batch) into " + masters.get(owners.get(i)) + ": " + err
                            + olderTarget(source, err));
                }
                imported += byOwner.get(owners.get(i)).size();
            }
            progress.accept(imported);
        } while (!cursor.equals("0") && !stopRequested);
        return new Result(imported, !cursor.equals("0"));
    }

    /** COPY goes among MIGRATE's options, right after the timeout (argument 6). */
    private static Object[] withCopy(Object[] migrate) {
        List<Object> args = new ArrayList<>(List.of(migrate));
        args.add(6, "COPY");
        return args.toArray();
    }
}
