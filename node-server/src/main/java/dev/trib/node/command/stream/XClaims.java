package dev.trib.node.command.stream;

import static dev.trib.node.command.Propagation.ascii;

import dev.trib.node.keyspace.StreamGroup;
import dev.trib.node.keyspace.StreamId;
import java.util.List;

/**
 * The commands Redis sends replicas for what consumer-group reads and claims did: an idempotent XCLAIM per entry
 * delivered or claimed (streamPropagateXCLAIM) and XGROUP SETID for a group's last ID (streamPropagateGroupID).
 */
final class XClaims {
    private XClaims() {
    }

    static List<byte[]> claim(byte[] key, byte[] group, StreamId id, StreamGroup.Pending p, StreamGroup g) {
        return claim(key, group, id.bytes(), p, g);
    }

    static List<byte[]> claim(byte[] key, byte[] group, byte[] id, StreamGroup.Pending p, StreamGroup g) {
        return List.of(ascii("XCLAIM"), key, group, p.consumer.name().bytes(), ascii("0"), id, ascii("TIME"),
                ascii(Long.toString(p.deliveryTime)), ascii("RETRYCOUNT"), ascii(Long.toString(p.deliveryCount)),
                ascii("FORCE"), ascii("JUSTID"), ascii("LASTID"), g.lastId.bytes());
    }

    static List<byte[]> setId(byte[] key, byte[] group, StreamGroup g) {
        return List.of(ascii("XGROUP"), ascii("SETID"), key, group, g.lastId.bytes(), ascii("ENTRIESREAD"),
                ascii(Long.toString(g.entriesRead)));
    }
}
