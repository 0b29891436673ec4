package dev.trib.cli.output;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ListingTest {
    private static List<String> lines(int n) {
        return IntStream.range(0, n).mapToObj(i -> "  move " + i).toList();
    }

    private static List<String> printed(List<String> lines, boolean whole, boolean quiet) {
        StringWriter s = new StringWriter();
        Listing.print(new Printer(new PrintWriter(s), false, quiet), lines, whole, "moves", "--dry-run lists them");
        return s.toString().lines().toList();
    }

    @Test
    void aShortListIsPrintedWhole() {
        assertEquals(lines(24), printed(lines(24), false, false));
    }

    @Test
    void aLongListShowsItsHeadAndHowManyMore() {
        List<String> out = printed(lines(250), false, false);
        assertEquals(13, out.size());
        assertEquals(lines(12), out.subList(0, 12));
        assertEquals("  ... and 238 more moves (--dry-run lists them)", out.get(12));
    }

    @Test
    void wholeListsEverythingAndQuietNothing() {
        assertEquals(250, printed(lines(250), true, false).size());
        assertEquals(List.of(), printed(lines(250), false, true));
    }
}
