package dev.trib.cli.output;

import dev.trib.commands.node.resp.Reply;

import java.util.ArrayList;
import java.util.List;

/**
 * Replies of {@code trib call} as people read them in redis-cli: text as text, integers as numbers, {@code (nil)},
 * {@code (error) ...}; an array (or multi-line text such as INFO) one element or line per line, indented under
 * the node it came from; a nested array starts with {@code - } and is indented one step further.
 */
public final class ReplyText {
    private static final String INDENT = "  ";

    private ReplyText() {
    }

    /** {@code prefix reply} when the reply fits on one line, else {@code prefix} followed by indented lines. */
    public static List<String> lines(String prefix, Reply reply) {
        List<String> block = new ArrayList<>();
        block(reply, INDENT, block);
        if (block.size() == 1 && !(reply instanceof Reply.Array a && !a.items().isEmpty())) {
            return List.of(prefix + " " + block.get(0).substring(INDENT.length()));
        }
        List<String> out = new ArrayList<>();
        out.add(prefix);
        out.addAll(block);
        return out;
    }

    private static void block(Reply reply, String indent, List<String> out) {
        if (reply instanceof Reply.Array array) {
            List<Reply> items = array.items();
            if (items.isEmpty()) {
                out.add(indent + "(empty array)");
            }
            for (Reply item : items) {
                if (item instanceof Reply.Array a && !a.items().isEmpty()) {
                    // A nested array starts with "- " so where one ends and the next begins stays visible.
                    int first = out.size();
                    block(item, indent + INDENT, out);
                    out.set(first, indent + "- " + out.get(first).substring(indent.length() + INDENT.length()));
                } else {
                    block(item, indent, out);
                }
            }
            return;
        }
        // INFO and CLUSTER NODES end with a line break: no empty last line.
        String text = scalar(reply).replaceAll("(\r?\n)+$", "");
        for (String line : text.split("\r?\n", -1)) {
            out.add(indent + line);
        }
    }

    private static String scalar(Reply reply) {
        if (reply == null || reply instanceof Reply.Nil) {
            return "(nil)";
        }
        if (reply instanceof Reply.Error e) {
            return "(error) " + e.message();
        }
        if (reply instanceof Reply.Bulk b) {
            return b.data().length == 0 ? "\"\"" : b.text();
        }
        return reply.toString();
    }

    /** The reply as a JSON value: text, number, null or nested arrays; errors are reported beside it. */
    public static Object json(Reply reply) {
        if (reply instanceof Reply.Array a) {
            return a.items().stream().map(ReplyText::json).toList();
        }
        if (reply instanceof Reply.Bulk b) {
            return b.text();
        }
        if (reply instanceof Reply.Simple s) {
            return s.text();
        }
        if (reply instanceof Reply.Int n) {
            return n.value();
        }
        return null; // nil, no reply, or an error (reported beside it)
    }
}
