package dev.trib.node.persistence;

import java.util.ArrayList;
import java.util.List;

/** The "save" directive: "seconds changes" pairs, any of which triggers a background save; "" disables saving. */
public record SavePoints(List<Point> points) {
    public record Point(long seconds, long changes) {
    }

    /** @throws IllegalArgumentException when the words are not pairs of integers */
    public static SavePoints parse(String directive) {
        String[] words = directive.trim().isEmpty() ? new String[0] : directive.trim().split("\\s+");
        if (words.length % 2 != 0) {
            throw new IllegalArgumentException("save needs pairs of seconds and changes: " + directive);
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < words.length; i += 2) {
            points.add(new Point(Long.parseLong(words[i]), Long.parseLong(words[i + 1])));
        }
        return new SavePoints(List.copyOf(points));
    }

    public boolean enabled() {
        return !points.isEmpty();
    }

    /** The first point reached (at least its changes, strictly more than its seconds, as Redis checks), or null. */
    public Point reached(long changes, long secondsSinceSave) {
        for (Point p : points) {
            if (changes >= p.changes() && secondsSinceSave > p.seconds()) {
                return p;
            }
        }
        return null;
    }
}
