package dev.trib.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StderrWarningsTest {

    @Test
    void keepsEachWarningLineWithoutPrefixOrColourAndPassesEverythingOn() {
        StringWriter seen = new StringWriter();
        StderrWarnings stderr = new StderrWarnings(new PrintWriter(seen));
        PrintWriter w = stderr.writer();
        w.println("[WARNING] a replica is down");
        w.println("\u001B[33;1m[WARNING] coloured\u001B[0m");
        w.print("[WARN");
        w.print("ING] written in two parts");
        w.println();
        w.print("[#####...] 5/10 slots\r[#########] 10/10 slots\r");
        w.println("[ERR] not a warning");
        w.println(">>> [WARNING] not at the start");
        w.print("[WARNING] not ended yet");
        w.flush();

        assertEquals(List.of("a replica is down", "coloured", "written in two parts"), stderr.lines());
        assertEquals(String.join(System.lineSeparator(), "[WARNING] a replica is down",
                "\u001B[33;1m[WARNING] coloured\u001B[0m", "[WARNING] written in two parts",
                "[#####...] 5/10 slots\r[#########] 10/10 slots\r[ERR] not a warning",
                ">>> [WARNING] not at the start", "[WARNING] not ended yet"), seen.toString());
    }
}
