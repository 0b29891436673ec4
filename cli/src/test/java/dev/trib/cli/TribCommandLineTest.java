package dev.trib.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage handling that needs no node: help, version, malformed input. */
class TribCommandLineTest {

    @Test
    void helpListsEverySubcommandWithASummary() {
        TribRunner.Result r = trib("--help");
        assertEquals(0, r.exitCode(), r.toString());
        for (String sub : new String[] {"create", "check", "info", "completion"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith(sub + " ") && l.trim().length() > sub.length() + 5),
                    sub + " missing from help:\n" + r.out());
        }
    }

    @Test
    void everySubcommandTakesHelp() {
        for (var e : Trib.SUBCOMMANDS.entrySet()) {
            String name = e.getKey();
            assertEquals(name, e.getValue().getAnnotation(picocli.CommandLine.Command.class).name(),
                    "the launcher finds " + e.getValue() + " by this name");
            for (String flag : new String[] {"--help", "-h"}) {
                TribRunner.Result r = trib(name, flag);
                assertEquals(0, r.exitCode(), r.toString());
                assertTrue(r.out().startsWith("Usage: trib " + name + " "), r.toString());
            }
        }
    }

    @Test
    void versionPrintsTheReleaseVersionAndCommit() throws Exception {
        TribRunner.Result r = trib("--version");
        assertEquals(0, r.exitCode());
        // The build writes the pom's version and the commit; the test runs from that build's classes.
        java.util.Properties built = new java.util.Properties();
        try (var in = VersionProvider.class.getResourceAsStream(VersionProvider.RESOURCE)) {
            built.load(in);
        }
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of("..", "pom.xml"));
        java.util.regex.Matcher v = java.util.regex.Pattern.compile("</modelVersion>[\\s\\S]*?<version>([^<]+)</version>")
                .matcher(pom);
        assertTrue(v.find());
        assertEquals(v.group(1), built.getProperty("version"), "the root pom's version, kept in one place");
        assertTrue(built.getProperty("commit").matches("[0-9a-f]{12}|unknown"), built.toString());
        assertEquals("trib " + built.getProperty("version") + " (commit " + built.getProperty("commit") + ")",
                r.out().trim());
        assertEquals(r.out(), trib("reshard", "--version").out(), "every subcommand takes --version");
    }

    @Test
    void helpShowsOneExitCodeListAndTheDefaultsInForce() {
        for (String sub : Trib.SUBCOMMANDS.keySet()) {
            TribRunner.Result help = trib(sub, "--help");
            assertEquals(1, help.out().split("Exit codes", -1).length - 1, sub + ":\n" + help.out());
        }
        TribRunner.Result watch = trib("watch", "--help");
        assertTrue(watch.out().replaceAll("\\s+", " ").contains("--command-timeout=MS How long to wait for a node's "
                + "reply before giving up on it (default: 5000)"), watch.out());
        // The value in force is the one shown.
        for (String[] c : new String[][] {{"watch", "5000"}, {"check", "60000"}}) {
            var cl = CommandLineFactory.create(new TribContext(Environment.of(java.util.Map.of()), null, false),
                    new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter()));
            cl.parseArgs(c[0], "127.0.0.1:7000");
            assertEquals(Long.parseLong(c[1]), (Long) cl.getSubcommands().get(c[0]).getCommandSpec()
                    .findOption("--command-timeout").getValue(), c[0]);
        }
        TribRunner.Result reshard = trib("reshard", "--help");
        assertTrue(reshard.out().replaceAll("\\s+", " ").contains("(default: 60000)"), reshard.out());
    }

    @Test
    void malformedAddressIsAUsageErrorBeforeAnyConnection() {
        for (String bad : new String[] {"localhost", "host:", ":7000", "host:0", "host:99999", "host:abc", "[::1]7000"}) {
            TribRunner.Result r = trib("check", bad);
            assertEquals(ExitCodes.USAGE, r.exitCode(), bad + " -> " + r);
            assertTrue(r.err().startsWith("[ERR] ") && r.err().contains("invalid address"), r.toString());
            assertUsageError(r, "check");
        }
    }

    /**
     * A node ID that cannot name any node is known to be wrong without the cluster: a usage error before anything
     * is contacted. 127.0.0.1:1 listens nowhere, so a connection attempt would exit 3 instead.
     */
    @Test
    void malformedNodeIdsAndContradictionsAreUsageErrorsBeforeAnyConnection() throws Exception {
        String u = "127.0.0.1:1";
        String[][] cases = {
            {"del-node", u, "", "Empty node ID."},
            {"del-node", u, "abc", "Node ID prefix abc is too short"},
            {"del-node", u, "xyz123", "'xyz123' is neither a node ID (hex digits) nor HOST:PORT."},
            {"del-node", u, "a".repeat(41), "is too long: an ID has 40 hex digits."},
            {"del-node", u, "127.0.0.1:", "'127.0.0.1:' is neither a node ID nor HOST:PORT."},
            {"add-node", "127.0.0.1:2", u, "--master-id", "abc", "Node ID prefix abc is too short"},
            {"add-node", u, u, "NEW_HOST:PORT and EXISTING_HOST:PORT are the same node"},
            {"reshard", u, "--from", "all", "--to", "12", "--slots", "1", "--yes", "Node ID prefix 12 is too short"},
            {"reshard", u, "--from", "abcd,xy", "--to", "1234", "--slots", "1", "--yes", "'xy' is neither"},
            {"reshard", u, "--from", "all", "--to", "1234", "--slots", "1", "--plan", "/nonexistent/plan.json",
                "--plan /nonexistent/plan.json: no such readable file"},
            {"rebalance", u, "--weight", "zz=2", "'zz' is neither a node ID (hex digits) nor HOST:PORT."},
            {"failover", u, "12", "Node ID prefix 12 is too short"},
            {"failover", u, "1234", "--host", "127.0.0.1", "NODE and --host exclude each other"},
            {"failover", u, "--host", "", "--host needs an IP address or host name"},
            {"import", u, "--from", u, "is the cluster node given"},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOf(c, c.length - 1);
            TribRunner.Result r = trib(args);
            assertUsageError(r, c[0]);
            assertTrue(r.err().lines().findFirst().orElseThrow().contains(c[c.length - 1]), r.toString());
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("trib-backup-", ".txt");
        try {
            TribRunner.Result backup = trib("backup", u, file.toString());
            assertUsageError(backup, "backup");
            assertTrue(backup.err().startsWith("[ERR] DIR " + file + " is a file, not a directory"), backup.toString());
        } finally {
            java.nio.file.Files.delete(file);
        }
        for (String sub : List.of("show", "discard")) {
            TribRunner.Result journal = trib("journal", sub, "");
            assertUsageError(journal, "journal " + sub);
            assertTrue(journal.err().startsWith("[ERR] FILE is empty"), journal.toString());
        }
        // Under --json: the error document on stdout, still before any connection.
        TribRunner.Result json = trib("del-node", "--json", u, "");
        assertEquals(ExitCodes.USAGE, json.exitCode(), json.toString());
        assertTrue(json.out().contains("\"exitCode\" : 2") && json.out().contains("Empty node ID."), json.toString());
    }

    @Test
    void unknownOptionIsAUsageError() {
        TribRunner.Result r = trib("check", "--frobnicate", "127.0.0.1:7000");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertEquals("[ERR] Unknown option: '--frobnicate'", r.err().lines().findFirst().orElseThrow());
        assertUsageError(r, "check");
    }

    /** One [ERR] line and where to read more: never the usage text, which buries the line that matters. */
    private static void assertUsageError(TribRunner.Result r, String command) {
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        List<String> lines = r.err().lines().toList();
        assertEquals(2, lines.size(), r.toString());
        assertTrue(lines.get(0).startsWith("[ERR] "), r.toString());
        assertEquals("Try '" + ("trib " + command).trim() + " --help' for more information.", lines.get(1));
        assertEquals("", r.out(), "nothing on stdout without --json");
    }

    @Test
    void mistypedOptionsGetADidYouMean() {
        String[][] cases = {
            {"reshard", "--form", "--from"}, {"reshard", "--slot", "--slots"}, {"rebalance", "--treshold", "--threshold"},
            {"rebalance", "--cluster-treshold", "--cluster-threshold"}, {"check", "--jsno", "--json"},
            {"add-node", "--master-di", "--master-id"}, {"rebalance", "--use-empty", "--use-empty-masters"},
        };
        for (String[] c : cases) {
            // The value after the mistyped option must not be blamed instead of it.
            TribRunner.Result r = trib(c[0], c[1], "3", "127.0.0.1:7000");
            assertUsageError(r, c[0]);
            assertEquals("[ERR] Unknown option: '" + c[1] + "' (did you mean '" + c[2] + "'?)",
                    r.err().lines().findFirst().orElseThrow(), r.toString());
        }
        TribRunner.Result command = trib("reshrad", "127.0.0.1:7000");
        assertUsageError(command, "");
        assertEquals("[ERR] Unknown command: 'reshrad' (did you mean 'reshard'?)",
                command.err().lines().findFirst().orElseThrow());
        TribRunner.Result far = trib("check", "--frobnicate", "127.0.0.1:7000");
        assertTrue(!far.err().contains("did you mean"), far.toString());
    }

    @Test
    void errorsNameTheOptionAsTyped() {
        TribRunner.Result redisCli = trib("reshard", "--cluster-slots", "abc", "127.0.0.1:7000");
        assertUsageError(redisCli, "reshard");
        assertEquals("[ERR] Invalid value for option '--cluster-slots': 'abc' is not an int",
                redisCli.err().lines().findFirst().orElseThrow());
        TribRunner.Result own = trib("reshard", "--slots", "abc", "127.0.0.1:7000");
        assertEquals("[ERR] Invalid value for option '--slots': 'abc' is not an int",
                own.err().lines().findFirst().orElseThrow());
        // Messages of trib's own checks too.
        TribRunner.Result pipeline = trib("rebalance", "--cluster-pipeline", "0", "127.0.0.1:7000");
        assertEquals("[ERR] --cluster-pipeline, --migrate-timeout and --parallel must be positive",
                pipeline.err().lines().findFirst().orElseThrow(), pipeline.toString());
        TribRunner.Result threshold = trib("rebalance", "--cluster-threshold", "-1", "127.0.0.1:7000");
        assertEquals("[ERR] --cluster-threshold must be 0 or more", threshold.err().lines().findFirst().orElseThrow());
    }

    @Test
    void badValuesAreUsageErrorsBeforeAnyNodeIsContacted() {
        // Port 1: nothing listens there, so "Could not connect" (exit 3) would mean the check came too late.
        String[][] cases = {
            {"[ERR] --slots must be from 1 to 16384, not 20000", "reshard", "127.0.0.1:1", "--slots", "20000"},
            {"[ERR] --cluster-slots must be from 1 to 16384, not 0", "reshard", "127.0.0.1:1", "--cluster-slots", "0"},
            {"[ERR] --weight abcd=-1.0: weights are 0 or more", "rebalance", "127.0.0.1:1", "--weight", "abcd=-1"},
            {"[ERR] --pipeline, --migrate-timeout and --parallel must be positive", "fix", "127.0.0.1:1",
                "--pipeline", "0"},
            {"[ERR] Missing required option: '--from=HOST:PORT'", "import", "127.0.0.1:1"},
            {"[ERR] Value for option '--weight' (ID=W) should be in KEY=VALUE format but was abc", "rebalance",
                "127.0.0.1:1", "--weight", "abc"},
            {"[ERR] --force, --takeover are mutually exclusive (specify only one)", "failover", "127.0.0.1:1",
                "--force", "--takeover"},
        };
        for (String[] c : cases) {
            TribRunner.Result r = trib(java.util.Arrays.copyOfRange(c, 1, c.length));
            assertUsageError(r, c[1]);
            assertEquals(c[0], r.err().lines().findFirst().orElseThrow(), r.toString());
        }
    }

    @Test
    void usageErrorsUnderJsonPrintTheErrorDocument() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String[] args : new String[][] {
            {"reshard", "--json", "--slots", "abc", "127.0.0.1:7000"}, {"check", "--json", "--frob", "127.0.0.1:7000"},
            {"check", "--json"}, {"watch", "--json", "127.0.0.1:7000"}, {"set-timeout", "--json", "127.0.0.1:7000", "5"},
        }) {
            TribRunner.Result r = trib(args);
            assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
            var doc = json.readTree(r.out());
            assertEquals(2, doc.get("exitCode").asInt(), r.toString());
            assertEquals(r.err().lines().findFirst().orElseThrow(), "[ERR] " + doc.get("error").asText());
        }
    }

    @Test
    void everyRedisCliSubcommandTakesClusterYes() {
        for (String sub : new String[] {"create", "check", "info", "fix", "reshard", "rebalance", "add-node", "del-node",
            "call", "set-timeout", "import", "backup", "failover"}) {
            for (String yes : new String[] {"--yes", "--cluster-yes"}) {
                TribRunner.Result r = trib(sub, yes, "--help");
                assertEquals(0, r.exitCode(), sub + " " + yes + ": " + r);
            }
            TribRunner.Result help = trib(sub, "--help");
            assertTrue(help.out().contains("--yes, --cluster-yes"), sub + ":\n" + help.out());
        }
    }

    @Test
    void missingSubcommandIsAUsageError() {
        TribRunner.Result r = trib();
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    }

    @Test
    void negativeReplicasIsAUsageError() {
        TribRunner.Result r = trib("create", "--replicas", "-1", "127.0.0.1:7000", "127.0.0.1:7001", "127.0.0.1:7002");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--replicas must be 0 or more"), r.toString());
    }

    @Test
    void certWithoutKeyIsAUsageError() {
        TribRunner.Result r = trib("check", "--cert", "/etc/hostname", "127.0.0.1:7000");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--cert and --key go together"), r.toString());
    }
}
