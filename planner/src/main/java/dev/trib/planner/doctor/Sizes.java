package dev.trib.planner.doctor;

import java.util.Locale;

/** Byte counts and durations as people read them. */
public final class Sizes {
    private Sizes() {
    }

    /** 1024-based, one decimal: {@code 512 B}, {@code 1.5 KB}, {@code 112.0 MB}, {@code 2.0 GB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** {@code 850 ms} below ten seconds, else {@code 12.3 s}. */
    public static String millis(long ms) {
        return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
