package dev.trib.cli.output;

import dev.trib.commands.node.resp.RespError;

import java.nio.charset.StandardCharsets;
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
    public static List<String> lines(String prefix, Object reply) {
        List<String> block = new ArrayList<>();
        block(reply, INDENT, block);
        if (block.size() == 1 && !(reply instanceof List<?> l && !l.isEmpty())) {
            return List.of(prefix + " " + block.get(0).substring(INDENT.length()));
        }
        List<String> out = new ArrayList<>();
        out.add(prefix);
        out.addAll(block);
        return out;
    }

    private static void block(Object reply, String indent, List<String> out) {
        if (reply instanceof List<?> items) {
            if (items.isEmpty()) {
                out.add(indent + "(empty array)");
            }
            for (Object item : items) {
                if (item instanceof List<?> l && !l.isEmpty()) {
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

    private static String scalar(Object reply) {
        if (reply == null) {
            return "(nil)";
        }
        if (reply instanceof RespError e) {
            return "(error) " + e.message();
        }
        if (reply instanceof byte[] b) {
            return b.length == 0 ? "\"\"" : new String(b, StandardCharsets.UTF_8);
        }
        return reply.toString();
    }

    /** The reply as a JSON value: text, number, null or nested arrays; errors are reported beside it. */
    public static Object json(Object reply) {
        if (reply instanceof List<?> items) {
            return items.stream().map(ReplyText::json).toList();
        }
        if (reply instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (reply instanceof RespError) {
            return null;
        }
        return reply;
    }
}
