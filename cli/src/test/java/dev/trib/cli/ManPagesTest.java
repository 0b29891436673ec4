package dev.trib.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManPagesTest {
    private static CommandLine root() {
        PrintWriter quiet = new PrintWriter(new StringWriter());
        return CommandLineFactory.create(new TribContext(Environment.of(Map.of()), null, false), quiet, quiet);
    }

    @Test
    void everySubcommandHasAPageWithEveryOptionItsHelpShows() {
        CommandLine root = root();
        Map<String, String> pages = ManPages.pages(root, "1.2.3", "2026-12-05");
        assertTrue(pages.containsKey("trib"), pages.keySet().toString());
        for (String name : Trib.SUBCOMMANDS.keySet()) {
            String page = pages.get("trib-" + name);
            assertTrue(page != null, "no page for " + name + ": " + pages.keySet());
            assertTrue(page.startsWith(".TH TRIB\\-" + name.toUpperCase().replace("-", "\\-")
                    + " 1 \"2026-12-05\" \"trib 1.2.3\""), page);
            for (OptionSpec o : root.getSubcommands().get(name).getCommandSpec().options()) {
                if (!o.hidden()) {
                    assertTrue(page.contains(ManPages.escape(o.longestName())), name + " lacks " + o.longestName());
                }
            }
            assertTrue(page.contains("\\fBtrib\\fR(1)"), name + " does not point back to trib(1)");
        }
        // Nested subcommands get pages of their own, named after their path.
        assertTrue(pages.containsKey("trib-sandbox-up"), pages.keySet().toString());
        assertTrue(pages.get("trib-sandbox").contains("See \\fBtrib\\-sandbox\\-up\\fR(1)."));
    }

    @Test
    void textCannotBecomeATroffRequest() {
        assertEquals("\\&.not a request\n\\&'nor this\nC:\\eDIR \\-\\-yes", ManPages.escape(
                ".not a request\n'nor this\nC:\\DIR --yes"));
    }
}
