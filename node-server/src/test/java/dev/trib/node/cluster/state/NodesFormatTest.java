package dev.trib.node.cluster.state;

import dev.trib.planner.topology.NodeFlag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NodesFormatTest {
    private static final String ME = "a".repeat(40);
    private static final String OTHER = "b".repeat(40);
    private static final String REPLICA = "c".repeat(40);

    private static ClusterConfig sample() {
        ClusterNode me = new ClusterNode(ME, "127.0.0.1", 7000, 17000, "", NodeFlags.MYSELF | NodeFlags.MASTER, null,
                3, 0);
        ClusterConfig.Editor e = ClusterConfig.fresh(me).edit();
        e.put(new ClusterNode(OTHER, "127.0.0.2", 7001, 17001, "host-b", NodeFlags.MASTER | NodeFlags.PFAIL, null, 5,
                0));
        e.put(new ClusterNode(REPLICA, "127.0.0.3", 7002, 17002, "", NodeFlags.SLAVE | NodeFlags.FAIL, OTHER, 1, 0));
        for (int s = 0; s <= 5460; s++) {
            e.setOwner(s, ME);
        }
        e.setOwner(6000, ME);
        e.setOwner(5461, OTHER);
        e.migrating(6000, OTHER).importing(7000, OTHER);
        return e.currentEpoch(6).lastVoteEpoch(4).build();
    }

    @Test
    void rendersRedisLinesWithFlagsInOrderAndMarkersOnlyOnMyself() {
        String text = NodesFormat.render(sample(), LinkView.NONE, true);
        assertEquals(ME + " 127.0.0.1:7000@17000 myself,master - 0 0 3 connected 0-5460 6000 [6000->-" + OTHER
                + "] [7000-<-" + OTHER + "]\n"
                + OTHER + " 127.0.0.2:7001@17001,host-b master,fail? - 0 0 5 disconnected 5461\n"
                + REPLICA + " 127.0.0.3:7002@17002 slave,fail " + OTHER + " 0 0 5 disconnected\n", text);
        assertEquals("noflags", flags(0));
        assertEquals("myself,slave,fail?,handshake,noaddr,nofailover",
                flags(NodeFlags.NOFAILOVER | NodeFlags.NOADDR | NodeFlags.HANDSHAKE | NodeFlags.PFAIL
                        | NodeFlags.SLAVE | NodeFlags.MYSELF | NodeFlags.MEET | NodeFlags.MIGRATE_TO));
    }

    @Test
    void nodesFileRoundTrips() {
        ClusterConfig original = sample();
        String file = NodesFormat.renderFile(original, LinkView.NONE);
        assertEquals("vars currentEpoch 6 lastVoteEpoch 4", file.lines().reduce((a, b) -> b).orElseThrow());
        ClusterConfig loaded = NodesFormat.parseFile(file, 0);
        assertEquals(ME, loaded.myId());
        assertEquals(6, loaded.currentEpoch());
        assertEquals(4, loaded.lastVoteEpoch());
        assertEquals(OTHER, loaded.migratingTo(6000));
        assertEquals(OTHER, loaded.importingFrom(7000));
        assertEquals(5462, loaded.slotCount(ME));
        assertEquals(file, NodesFormat.renderFile(loaded, LinkView.NONE));
        assertThrows(IllegalArgumentException.class, () -> NodesFormat.parseFile("garbage line\n", 0));
    }

    private static String flags(int bits) {
        return dev.trib.planner.topology.NodesFormat.flags(NodeFlag.fromBusBits(bits));
    }

    @Test
    void nodesFileWithRedis72AuxFieldsKeepsOnlyTheHostname() {
        String file = ME + " 127.0.0.1:7000@17000,host-a,shard-id=" + "f".repeat(40)
                + " myself,master - 0 0 3 connected 0-10\nvars currentEpoch 3 lastVoteEpoch 0\n";
        ClusterConfig loaded = NodesFormat.parseFile(file, 0);
        assertEquals("host-a", loaded.node(ME).hostname());
        assertEquals(ME + " 127.0.0.1:7000@17000,host-a myself,master - 0 0 3 connected 0-10\n",
                NodesFormat.render(loaded, LinkView.NONE, true));
    }

    @Test
    void editorReturnsTheSameValueWhenNothingChanges() {
        ClusterConfig c = sample();
        assertEquals(c, c.edit().setOwner(0, ME).migrating(6000, OTHER).build());
        ClusterConfig changed = c.edit().setOwner(0, null).build();
        assertEquals(null, changed.owner(0));
        assertEquals(ME, c.owner(0), "the old value is untouched");
    }
}
