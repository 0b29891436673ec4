package dev.trib.commands.ops;

import dev.trib.commands.node.Batch;
import dev.trib.commands.node.Batch.Step;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.node.NodeError;
import dev.trib.commands.node.SlotCommands.MigrateAuth;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.KeySlot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private static String olderTarget(NodeClient source, NodeError err) {
        return err.is(NodeError.Kind.PAYLOAD_VERSION) ? " (the source runs Redis " + source.serverVersion()
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
            String from = cursor;
            Batch.ScanPage page = source.one(b -> b.scan(from, SCAN_COUNT)).orElseThrow(err ->
                    new OperationRefusedException(source.address() + " answered SCAN with: " + err));
            cursor = page.cursor();
            Map<String, List<byte[]>> byOwner = new LinkedHashMap<>();
            for (byte[] key : page.keys()) {
                byOwner.computeIfAbsent(ownerOf.get(KeySlot.of(key)), o -> new ArrayList<>()).add(key);
            }
            Batch b = source.batch();
            List<String> owners = new ArrayList<>(byOwner.keySet());
            List<Step<Batch.Migrated>> migrates = new ArrayList<>();
            for (String owner : owners) {
                migrates.add(b.migrate(new Batch.Migrate(masters.get(owner), byOwner.get(owner), request.timeoutMs(),
                        request.copy(), request.replace(), request.clusterAuth())));
            }
            b.send();
            for (int i = 0; i < migrates.size(); i++) {
                Optional<NodeError> refused = migrates.get(i).answer().error();
                if (refused.isPresent()) {
                    NodeError err = refused.get();
                    List<byte[]> batch = byOwner.get(owners.get(i));
                    String first = new String(batch.get(0), StandardCharsets.UTF_8);
                    throw new OperationRefusedException(err.is(NodeError.Kind.BUSY_KEY)
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
}
