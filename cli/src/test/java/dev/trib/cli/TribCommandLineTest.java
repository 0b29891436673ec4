package dev.trib.cli;

import org.junit.jupiter.api.Test;

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
    void versionPrintsTheProgramName() {
        TribRunner.Result r = trib("--version");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("trib "), r.out());
    }

    @Test
    void malformedAddressIsAUsageErrorBeforeAnyConnection() {
        for (String bad : new String[] {"localhost", "host:", ":7000", "host:0", "host:99999", "host:abc", "[::1]7000"}) {
            TribRunner.Result r = trib("check", bad);
            assertEquals(ExitCodes.USAGE, r.exitCode(), bad + " -> " + r);
            assertTrue(r.err().contains("invalid address"), r.toString());
            assertTrue(r.err().contains("Usage: trib check"), r.toString());
        }
    }

    @Test
    void unknownOptionIsAUsageError() {
        TribRunner.Result r = trib("check", "--frobnicate", "127.0.0.1:7000");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Unknown option: '--frobnicate'"), r.toString());
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
