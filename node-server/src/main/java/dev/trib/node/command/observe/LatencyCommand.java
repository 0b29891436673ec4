package dev.trib.node.command.observe;

import dev.trib.node.resp.VerbatimReply;
import dev.trib.node.resp.MapReply;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.CommandSpec;
import dev.trib.node.command.CommandTable;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.CText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** LATENCY LATEST | HISTORY event | RESET [event ...] | GRAPH event | DOCTOR | HISTOGRAM [command ...]. */
record LatencyCommand(LatencyMonitor monitor, CommandTable table, String sub) implements Command {
    private static final int GRAPH_COLUMNS = 80;

    @Override
    public RespReply execute(CommandRequest request) {
        return switch (sub) {
            case "latest" -> latest();
            case "history" -> history(CText.printed(request.arg(2), 1024));
            case "reset" -> reset(request);
            case "graph" -> graph(CText.printed(request.arg(2), 1024));
            case "doctor" -> new VerbatimReply(doctor().getBytes(StandardCharsets.UTF_8));
            default -> histogram(request);
        };
    }

    private RespReply latest() {
        List<RespReply> out = new ArrayList<>();
        for (Map.Entry<String, LatencyMonitor.Series> e : monitor.events().entrySet()) {
            LatencyMonitor.Series ts = e.getValue();
            int last = (ts.idx + LatencyMonitor.SAMPLES - 1) % LatencyMonitor.SAMPLES;
            out.add(Replies.array(List.of(BulkReply.of(e.getKey()), Replies.integer(ts.time[last]),
                    Replies.integer(ts.latency[last]), Replies.integer(ts.max))));
        }
        return Replies.array(out);
    }

    private RespReply history(String event) {
        LatencyMonitor.Series ts = monitor.events().get(event);
        List<RespReply> out = new ArrayList<>();
        if (ts != null) {
            for (int j = 0; j < LatencyMonitor.SAMPLES; j++) {
                int i = (ts.idx + j) % LatencyMonitor.SAMPLES;
                if (ts.time[i] != 0) {
                    out.add(Replies.array(List.of(Replies.integer(ts.time[i]), Replies.integer(ts.latency[i]))));
                }
            }
        }
        return Replies.array(out);
    }

    private RespReply reset(CommandRequest request) {
        if (request.argc() == 2) {
            return Replies.integer(monitor.reset(null));
        }
        int resets = 0;
        for (int j = 2; j < request.argc(); j++) {
            resets += monitor.reset(CText.printed(request.arg(j), 1024));
        }
        return Replies.integer(resets);
    }

    /** Redis's sparkline: a header, a rule, four rows of _o#| and the age labels written downwards. */
    private RespReply graph(String event) {
        LatencyMonitor.Series ts = monitor.events().get(event);
        if (ts == null) {
            return ErrorReply.formatted("No samples available for event '" + event + "'");
        }
        List<long[]> samples = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        long now = System.currentTimeMillis() / 1000;
        long min = 0;
        long max = 0;
        for (int j = 0; j < LatencyMonitor.SAMPLES; j++) {
            int i = (ts.idx + j) % LatencyMonitor.SAMPLES;
            if (ts.time[i] == 0) {
                continue;
            }
            long v = ts.latency[i];
            min = samples.isEmpty() ? v : Math.min(min, v);
            max = samples.isEmpty() ? v : Math.max(max, v);
            samples.add(new long[] {v});
            long elapsed = now - ts.time[i];
            labels.add(elapsed < 60 ? elapsed + "s" : elapsed < 3600 ? elapsed / 60 + "m"
                    : elapsed < 86400 ? elapsed / 3600 + "h" : elapsed / 86400 + "d");
        }
        StringBuilder out = new StringBuilder();
        out.append(event).append(" - high ").append(max).append(" ms, low ").append(min)
                .append(" ms (all time high ").append(ts.max).append(" ms)\n");
        out.append("-".repeat(GRAPH_COLUMNS)).append('\n');
        for (int j = 0; j < samples.size(); j += GRAPH_COLUMNS) {
            if (j != 0) {
                out.append('\n');
            }
            render(out, samples, labels, min, max, j, Math.min(GRAPH_COLUMNS, samples.size() - j));
        }
        return new VerbatimReply(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void render(StringBuilder out, List<long[]> samples, List<String> labels, long min, long max,
                               int offset, int len) {
        final String fill = "_o#";
        final int rows = 4;
        double relmax = max - min;
        if (relmax == 0) {
            relmax = 1;
        }
        int steps = fill.length() * rows;
        for (int row = 0; ; row++) {
            boolean loop = false;
            char[] chars = new char[len];
            java.util.Arrays.fill(chars, ' ');
            for (int j = 0; j < len; j++) {
                double relval = samples.get(j + offset)[0] - min;
                int step = (int) ((int) (relval * steps) / relmax);
                step = Math.max(0, Math.min(steps - 1, step));
                if (row < rows) {
                    int charidx = step - ((rows - row - 1) * fill.length());
                    loop = true;
                    if (charidx >= 0 && charidx < fill.length()) {
                        chars[j] = fill.charAt(charidx);
                    } else if (charidx >= fill.length()) {
                        chars[j] = '|';
                    }
                } else {
                    if (row - rows < 1) {
                        loop = true;
                        break;
                    }
                    String label = labels.get(j + offset);
                    int labelChar = row - rows - 1;
                    if (label.length() > labelChar) {
                        loop = true;
                        chars[j] = label.charAt(labelChar);
                    }
                }
            }
            if (!loop) {
                return;
            }
            out.append(chars).append('\n');
        }
    }

    private String doctor() {
        if (monitor.threshold() == 0) {
            return "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may "
                    + "use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we "
                    + "weren't in a deep space mission I'd suggest to take a look at "
                    + "https://redis.io/topics/latency-monitor.\n";
        }
        if (monitor.events().isEmpty()) {
            return "Dave, no latency spike was observed during the lifetime of this Redis instance, not in the "
                    + "slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think "
                    + "things over.\n";
        }
        StringBuilder report = new StringBuilder("Dave, I have observed latency spikes in this Redis instance. You "
                + "don't mind talking about it, do you Dave?\n\n");
        int n = 0;
        long now = System.currentTimeMillis() / 1000;
        for (Map.Entry<String, LatencyMonitor.Series> e : monitor.events().entrySet()) {
            LatencyMonitor.Series ts = e.getValue();
            long samples = 0;
            long sum = 0;
            long oldest = 0;
            for (int j = 0; j < LatencyMonitor.SAMPLES; j++) {
                if (ts.time[j] != 0) {
                    samples++;
                    sum += ts.latency[j];
                    oldest = oldest == 0 ? ts.time[j] : Math.min(oldest, ts.time[j]);
                }
            }
            long avg = samples == 0 ? 0 : sum / samples;
            long deviation = 0;
            for (int j = 0; j < LatencyMonitor.SAMPLES; j++) {
                if (ts.time[j] != 0) {
                    deviation += Math.abs(avg - ts.latency[j]);
                }
            }
            long period = Math.max(1, now - oldest);
            report.append(++n).append(". ").append(e.getKey()).append(": ").append(samples)
                    .append(" latency spikes (average ").append(avg).append("ms, mean deviation ")
                    .append(samples == 0 ? 0 : deviation / samples).append("ms, period ")
                    .append(String.format(Locale.ROOT, "%.2f", (double) period / samples))
                    .append(" sec). Worst all time event ").append(ts.max).append("ms.\n");
        }
        report.append("\nWhile there are latency events logged, I'm not able to suggest any easy fix. Please use the "
                + "Redis community to get some help, providing this report in your help request.\n");
        return report.toString();
    }

    private RespReply histogram(CommandRequest request) {
        List<RespReply> out = new ArrayList<>();
        if (request.argc() == 2) {
            for (Map.Entry<String, LatencyMonitor.Histogram> e : monitor.histograms().entrySet()) {
                out.add(BulkReply.of(e.getKey()));
                out.add(cdf(e.getValue()));
            }
            return new MapReply(out);
        }
        for (int j = 2; j < request.argc(); j++) {
            CommandSpec spec = table.lookup(request.arg(j));
            if (spec == null) {
                continue;
            }
            addIfCalled(out, spec.name());
            for (CommandSpec sub : spec.subcommandsView().values()) {
                addIfCalled(out, sub.name());
            }
        }
        return new MapReply(out);
    }

    private void addIfCalled(List<RespReply> out, String name) {
        LatencyMonitor.Histogram h = monitor.histograms().get(name);
        if (h != null) {
            out.add(BulkReply.of(name));
            out.add(cdf(h));
        }
    }

    private static RespReply cdf(LatencyMonitor.Histogram h) {
        List<RespReply> buckets = new ArrayList<>();
        long cumulative = 0;
        for (int k = 0; k < h.buckets.length; k++) {
            if (h.buckets[k] == 0) {
                continue;
            }
            cumulative += h.buckets[k];
            buckets.add(Replies.integer(LatencyMonitor.highestEquivalent(k) / 1000));
            buckets.add(Replies.integer(cumulative));
        }
        return new MapReply(List.of(BulkReply.of("calls"), Replies.integer(h.calls), BulkReply.of("histogram_usec"),
                new MapReply(buckets)));
    }
}
