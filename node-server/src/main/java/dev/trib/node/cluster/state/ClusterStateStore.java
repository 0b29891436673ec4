package dev.trib.node.cluster.state;

import dev.trib.node.persistence.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The one place the cluster configuration changes: {@link #update} applies a change, swaps the
 * value and, when it differs, rewrites nodes.conf atomically before returning (Redis saves the
 * config before answering commands that change it). Used only on the event loop.
 */
public final class ClusterStateStore {
    private boolean dirty;
    private final Path file;
    private ClusterConfig current;
    private LinkView links = LinkView.NONE;
    private Runnable afterChange = () -> { };
    private java.util.function.BiConsumer<ClusterConfig, ClusterConfig> onChange = (before, after) -> { };

    private ClusterStateStore(Path file, ClusterConfig initial) {
        this.file = file;
        this.current = initial;
    }

    /**
     * Loads nodes.conf, or creates a fresh node (and the file) when it does not exist or is empty.
     *
     * @param freshMyself the node to start with when there is no file
     */
    public static ClusterStateStore open(Path file, ClusterNode freshMyself, long now) throws IOException {
        if (file != null && Files.exists(file) && Files.size(file) > 0) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            ClusterStateStore store = new ClusterStateStore(file, NodesFormat.parseFile(text, now));
            return store;
        }
        ClusterStateStore store = new ClusterStateStore(file, ClusterConfig.fresh(freshMyself));
        store.save();
        return store;
    }

    /** An in-memory store (tests). */
    public static ClusterStateStore inMemory(ClusterConfig initial) {
        return new ClusterStateStore(null, initial);
    }

    public ClusterConfig get() {
        return current;
    }

    public Path file() {
        return file;
    }

    /** Lets nodes.conf carry the bus's ping/pong times and link states. */
    public void links(LinkView view) {
        this.links = view;
    }

    /** Run after every change (cluster state recomputation). */
    public void afterChange(Runnable action) {
        this.afterChange = action;
    }

    /** Also run after every change, with the configuration before and after it. */
    public void onChange(java.util.function.BiConsumer<ClusterConfig, ClusterConfig> action) {
        onChange = onChange.andThen(action);
    }

    /**
     * Applies a change; persists and notifies when the result differs.
     *
     * @return the new configuration
     */
    public ClusterConfig update(UnaryOperator<ClusterConfig> change) {
        ClusterConfig next = change.apply(current);
        if (next != current) {
            ClusterConfig before = current;
            current = next;
            dirty = true;
            afterChange.run();
            onChange.accept(before, next);
        }
        return current;
    }

    /**
     * Writes nodes.conf if a change is pending. Called, as Redis does before it sleeps, once a batch of pipelined
     * commands has run and before their replies go out, after each bus message and on every cron tick: a reshard's
     * thousands of SETSLOTs then cost a few file writes, not one each.
     */
    public void saveIfDirty() {
        if (dirty) {
            saveOrDie();
        }
    }

    /** CLUSTER SAVECONFIG. */
    public void save() throws IOException {
        dirty = false;
        if (file != null) {
            AtomicFile.write(file, NodesFormat.renderFile(current, links).getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private void saveOrDie() {
        try {
            save();
        } catch (IOException e) {
            // Redis exits when it cannot persist the cluster config: running on with a config that
            // would not survive a restart risks split-brain after it.
            throw new UncheckedIOException("Fatal: can't update cluster config file " + file, e);
        }
    }
}
