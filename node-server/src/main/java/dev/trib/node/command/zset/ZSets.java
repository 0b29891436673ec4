package dev.trib.node.command.zset;

import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ScoreTree;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.DoubleReply;
import dev.trib.node.resp.PairsReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.FloatText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Building, storing and replying with sorted sets computed by ZRANGESTORE and the ZUNION/ZINTER/ZDIFF family. */
final class ZSets {
    private ZSets() {
    }

    /**
     * A new sorted set holding these members and scores. When redis-server knows the count before adding (ZRANGESTORE
     * by rank) it picks the encoding from it; otherwise the set starts compact and converts as it grows, and the
     * members added while compact lose a -0 score's sign.
     */
    static ZSetValue of(List<ScoreTree.Node> nodes, boolean countKnown) {
        ZSetValue out = countKnown ? ZSetValue.forSize(nodes.size(), 0)
                : ZSetValue.forFirstMember(nodes.isEmpty() ? 0 : nodes.get(0).memberBytes().length);
        for (ScoreTree.Node node : nodes) {
            out.add(node.member(), node.score());
        }
        return out;
    }

    /**
     * A new sorted set from members and scores (each member once). redis-server builds it as a skiplist, which keeps
     * -0, and turns a stored result small enough into a listpack, where -0 reads back as 0.
     */
    static ZSetValue of(Map<Key, Double> scores, boolean forStore) {
        int longest = 0;
        for (Key member : scores.keySet()) {
            longest = Math.max(longest, member.length());
        }
        ZSetValue out = ZSetValue.forSize(forStore ? scores.size() : Integer.MAX_VALUE, longest);
        scores.forEach(out::add);
        return out;
    }

    /** Replaces the destination with the result (deletes it when the result is empty); the result's size. */
    static long store(Keyspace keyspace, Key target, ZSetValue result) {
        if (result.size() == 0) {
            keyspace.delete(target);
        } else {
            keyspace.set(target, result);
        }
        return result.size();
    }

    /** Members in the given order, each followed by its score when asked (RESP3: [member, score] pairs). */
    static RespReply reply(List<ScoreTree.Node> nodes, boolean withScores) {
        List<RespReply> out = new ArrayList<>(nodes.size() * (withScores ? 2 : 1));
        for (ScoreTree.Node node : nodes) {
            out.add(new BulkReply(node.memberBytes()));
            if (withScores) {
                out.add(score(node.score()));
            }
        }
        return withScores && !out.isEmpty() ? new PairsReply(out) : Replies.array(out);
    }

    /** A score as redis-server writes it: %.17g, a bulk string in RESP2 and a double in RESP3. */
    static DoubleReply score(double score) {
        return new DoubleReply(FloatText.g17(score));
    }

    /** Every member of a sorted set in score order. */
    static List<ScoreTree.Node> nodes(ZSetValue zset) {
        List<ScoreTree.Node> out = new ArrayList<>(zset.size());
        for (ScoreTree.Node n = zset.first(); n != null; n = n.next()) {
            out.add(n);
        }
        return out;
    }
}
