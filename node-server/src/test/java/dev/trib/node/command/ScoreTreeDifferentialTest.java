package dev.trib.node.command;

import dev.trib.node.support.ReplyDiff;
import dev.trib.node.support.SideBySide;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sorted sets large enough for trees of several levels (thousands of members), grown and then emptied by seeded random
 * commands sent to redis-server 7.0 and the node alike, every reply compared byte for byte: adds, score changes, ranks,
 * rank/score/lex ranges both ways with limits, counts, removals by range, pops, results stored and reloaded, and
 * whole-set reads along the way.
 */
class ScoreTreeDifferentialTest {
    private static final String[] SCORES = {"0", "-0", "1", "2.5", "inf", "-inf", "-3", "1e300"};

    private final Random random = new Random(17);
    private final List<String[]> commands = new ArrayList<>();

    @Test
    void largeSortedSetsAnswerAsRedisDoes() throws Exception {
        // Growing: mostly adds, so both sets reach thousands of members.
        for (int i = 0; i < 9000; i++) {
            step(0.55);
        }
        c("ZCARD", "d");
        c("ZRANGE", "d", "0", "-1", "WITHSCORES");
        c("ZRANGE", "l", "0", "-1");
        // Shrinking: removals win, so leaves and inner nodes merge on the way down.
        for (int i = 0; i < 6000; i++) {
            step(0.1);
            c("ZREMRANGEBYRANK", "d", "0", String.valueOf(random.nextInt(3)));
            c("ZPOPMAX", "l", String.valueOf(1 + random.nextInt(2)));
            if (i % 1000 == 0) {
                c("ZRANGE", "d", "0", "-1", "WITHSCORES");
            }
        }
        c("ZRANGE", "d", "0", "-1", "WITHSCORES");
        c("ZREVRANGE", "l", "0", "-1");
        try (SideBySide both = SideBySide.standalone()) {
            ReplyDiff diff = new ReplyDiff();
            both.run(commands, diff);
            diff.assertNone();
        }
    }

    private void step(double adds) {
        double r = random.nextDouble();
        if (r < adds) {
            c("ZADD", "d", score(), member(), score(), member());
            c("ZADD", "l", random.nextInt(4) == 0 ? "-0" : "0", member());
            return;
        }
        r = random.nextDouble();
        if (r < 0.12) {
            c("ZINCRBY", "d", String.valueOf(random.nextInt(200) / 8.0 - 12), member());
        } else if (r < 0.24) {
            c("ZREM", "d", member(), member());
            c("ZREM", "l", member());
        } else if (r < 0.32) {
            c("ZRANK", "d", member());
            c("ZREVRANK", "l", member());
        } else if (r < 0.44) {
            int start = random.nextInt(12000) - 6000;
            c("ZRANGE", "d", String.valueOf(start), String.valueOf(start + random.nextInt(30)), "WITHSCORES");
            c("ZRANGE", "l", String.valueOf(start), String.valueOf(start + 20), "REV");
        } else if (r < 0.56) {
            c("ZRANGEBYSCORE", "d", scoreBound(), scoreBound(), "WITHSCORES", "LIMIT", String.valueOf(random.nextInt(5)),
                    String.valueOf(random.nextInt(30)));
            c("ZREVRANGEBYSCORE", "d", scoreBound(), scoreBound(), "LIMIT", "0", "20");
        } else if (r < 0.66) {
            c("ZCOUNT", "d", scoreBound(), scoreBound());
            c("ZLEXCOUNT", "l", lexBound(), lexBound());
        } else if (r < 0.76) {
            c("ZRANGEBYLEX", "l", lexBound(), lexBound(), "LIMIT", String.valueOf(random.nextInt(5)), "20");
            c("ZREVRANGEBYLEX", "l", lexBound(), lexBound(), "LIMIT", "0", "20");
        } else if (r < 0.80) {
            int x = random.nextInt(100);
            c("ZREMRANGEBYSCORE", "d", String.valueOf(x), "(" + (x + 1));
        } else if (r < 0.84) {
            String m = member();
            c("ZREMRANGEBYLEX", "l", "[" + m, "[" + m + "5");
        } else if (r < 0.90) {
            c(random.nextBoolean() ? "ZPOPMIN" : "ZPOPMAX", random.nextBoolean() ? "d" : "l",
                    String.valueOf(1 + random.nextInt(4)));
        } else if (r < 0.95) {
            c("ZSCORE", "d", member());
            c("ZMSCORE", "l", member(), member());
        } else if (r < 0.98) {
            c("ZRANGESTORE", "dst", "d", String.valueOf(random.nextInt(1000)), String.valueOf(1000 + random.nextInt(2000)));
            c("ZRANGE", "dst", "0", "-1", "WITHSCORES");
            c("ZRANGESTORE", "dst", "l", lexBound(), lexBound(), "BYLEX");
            c("ZRANGE", "dst", "0", "-1", "WITHSCORES");
        } else {
            // Results built whole: a stored one small enough becomes a listpack, where -0 reads back as 0.
            String[] ops = {"ZUNION", "ZINTER", "ZDIFF"};
            String op = ops[random.nextInt(ops.length)];
            c(op, "2", "d", "l", "WITHSCORES");
            c(op + "STORE", "dst", "2", random.nextBoolean() ? "d" : "l", "dst");
            c("ZRANGE", "dst", "0", "-1", "WITHSCORES");
            c("DEBUG", "RELOAD");
            c("ZRANGE", "dst", "0", "40", "WITHSCORES");
        }
    }

    private void c(String... command) {
        commands.add(command);
    }

    private String member() {
        return "m" + random.nextInt(20000);
    }

    private String score() {
        return switch (random.nextInt(3)) {
            case 0 -> SCORES[random.nextInt(SCORES.length)];
            case 1 -> String.valueOf(random.nextInt(100));
            default -> String.valueOf((random.nextDouble() - 0.5) * 2000);
        };
    }

    private String scoreBound() {
        String open = random.nextBoolean() ? "(" : "";
        return switch (random.nextInt(6)) {
            case 0 -> open + "-inf";
            case 1 -> open + "+inf";
            default -> open + (random.nextInt(120) - 10);
        };
    }

    private String lexBound() {
        int r = random.nextInt(10);
        return r == 0 ? "-" : r == 1 ? "+" : (random.nextBoolean() ? "[" : "(") + member();
    }
}
