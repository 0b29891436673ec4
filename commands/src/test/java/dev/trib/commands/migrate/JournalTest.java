package dev.trib.commands.migrate;

import dev.trib.commands.node.SlotCommands.MigrateAuth;
import dev.trib.planner.alloc.SlotMove;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Journals on disk: what a resumed run reads back, and every file it must refuse in one line. */
class JournalTest {
    private static final String A = "aaaa000000000000000000000000000000000000";
    private static final String B = "bbbb000000000000000000000000000000000000";
    private static final String C = "cccc000000000000000000000000000000000000";
    private static final List<SlotMove> MOVES = List.of(new SlotMove(0, A, B), new SlotMove(1, A, B),
            new SlotMove(16383, C, A));
    private static final MigrationOptions OPTIONS = new MigrationOptions(250, 9000, true, 2, 64, MigrateAuth.none());

    @Test
    void whatIsWrittenIsReadBack(@TempDir Path dir) {
        Path file = dir.resolve("sub/j.json");
        Journal written = Journal.create(file, "reshard", "127.0.0.1:7000", MOVES, List.of(A, B, C), OPTIONS);
        written.markDone(List.of(1));

        Journal j = Journal.load(file);
        assertEquals("reshard", j.kind());
        assertEquals("127.0.0.1:7000", j.entry());
        assertEquals(MOVES, j.moves());
        assertEquals(List.of(new SlotMove(0, A, B), new SlotMove(16383, C, A)), j.remaining());
        assertEquals(1, j.doneCount());
        assertFalse(j.finished());
        MigrationOptions resumed = j.options(MigrationOptions.defaults());
        assertEquals(250, resumed.keysPerMigrate());
        assertEquals(9000, resumed.timeoutMs());
        assertTrue(resumed.replace());
        assertEquals(MigrationOptions.DEFAULT_PARALLEL, resumed.parallel(), "how hard to push is today's choice");
    }

    @Test
    void whatTheRailsMeasuredIsReadBackForAResumedRun(@TempDir Path dir) {
        Path file = dir.resolve("j.json");
        KeySizes sizes = KeySizes.of(List.of(new KeySizes.BigKey(1, "big:1", 42_000_000L)),
                java.util.Map.of(0, 120L, 1, 80L), 1024 * 1024);
        Journal.create(file, "reshard", "h:1", MOVES, List.of(A, B, C), OPTIONS, sizes);
        assertEquals(sizes, Journal.load(file).keySizes());
        Journal.create(file, "reshard", "h:1", MOVES, List.of(A, B, C), OPTIONS);
        assertEquals(KeySizes.NONE, Journal.load(file).keySizes());
    }

    @Test
    void progressIsOnDiskAsSoonAsItIsMarked(@TempDir Path dir) {
        Path file = dir.resolve("j.json");
        Journal j = Journal.create(file, "rebalance", "h:1", MOVES, List.of(A, B, C), OPTIONS);
        j.markDone(List.of(0, 1, 16383));
        assertEquals(List.of(), Journal.load(file).remaining());
        j.markFinished();
        assertTrue(Journal.load(file).finished());
        assertFalse(Files.exists(dir.resolve("j.json.tmp")), "written through a temporary file, then moved");
        j.discard();
        assertFalse(Files.exists(file));
    }

    @Test
    void nodeIdsAreStoredOnceAndMovesReferToThem(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("j.json");
        Journal.create(file, "reshard", "h:1", MOVES, List.of(A, B, C), OPTIONS);
        String text = Files.readString(file);
        assertEquals(1, text.split(A, -1).length - 1, text);
    }

    @Test
    void anUnknownVersionIsRefusedInOneLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("j.json");
        Journal.create(file, "reshard", "h:1", MOVES, List.of(A, B, C), OPTIONS);
        Files.writeString(file, Files.readString(file).replaceFirst("\"version\" : 1", "\"version\" : 7"));
        JournalException e = assertThrows(JournalException.class, () -> Journal.load(file));
        assertEquals("Journal " + file + " has format version 7; this trib reads version 1 only.", e.getMessage());
    }

    @Test
    void filesThatAreNotJournalsAreRefusedInOneLine(@TempDir Path dir) throws IOException {
        Path notJson = Files.writeString(dir.resolve("a.json"), "this is not json", StandardCharsets.UTF_8);
        Path otherJson = Files.writeString(dir.resolve("b.json"), "{\"hello\": 1}", StandardCharsets.UTF_8);
        Path damaged = Files.writeString(dir.resolve("c.json"), "{\"version\": 1, \"moves\": \"many\"}",
                StandardCharsets.UTF_8);
        Path missing = dir.resolve("none.json");
        for (Path p : List.of(notJson, otherJson, damaged, missing)) {
            JournalException e = assertThrows(JournalException.class, () -> Journal.load(p), p.toString());
            assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        assertTrue(assertThrows(JournalException.class, () -> Journal.load(otherJson)).getMessage()
                .endsWith("is not a trib journal or plan (no version and moves)."));
        assertTrue(assertThrows(JournalException.class, () -> Journal.load(damaged)).getMessage()
                .contains("is damaged"));
    }
}
