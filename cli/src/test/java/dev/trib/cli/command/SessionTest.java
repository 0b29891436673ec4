package dev.trib.cli.command;

import dev.trib.cli.output.Printer;
import dev.trib.commands.node.ConnectionSettings;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.ops.ProgressListener;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What an operation's progress listener prints, with and without --quiet. */
class SessionTest {

    private static String printed(boolean quiet) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        Printer printer = new Printer(out, false, quiet);
        try (Session session = new Session(out, out, printer, printer, new NodeConnector(ConnectionSettings.plain()),
                false, quiet, false)) {
            ProgressListener listener = session.listener();
            listener.step("Joining");
            listener.detail("127.0.0.1:7000 joined");
            listener.warning("127.0.0.1:7000 was made master again, as planned.");
        }
        return text.toString();
    }

    @Test
    void progressIsPrintedWithItsWarnings() {
        assertEquals(">>> Joining\n127.0.0.1:7000 joined\n[WARNING] 127.0.0.1:7000 was made master again, as planned.\n",
                printed(false));
    }

    /** create's failback and replace's give-back are warnings: --quiet drops the progress, not them. */
    @Test
    void underQuietOnlyTheWarningsRemain() {
        assertEquals("[WARNING] 127.0.0.1:7000 was made master again, as planned.\n", printed(true));
    }
}
