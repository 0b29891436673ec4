package dev.trib.cli;

import dev.trib.planner.check.CheckReport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The archive training swallows its failures (a smaller archive only costs start-up time), so this is where a
 * model change that breaks it shows: the command model builds and the made-up six-node cluster checks healthy.
 */
class ClassArchiveTrainingTest {
    @Test
    void theCommandModelWalksAndTheRehearsedClusterIsHealthy() {
        ClassArchiveTraining.walkCommandModel();
        CheckReport report = ClassArchiveTraining.rehearseCreateAndCheck();
        assertTrue(report.healthy(), report.findings().toString());
        assertEquals(6, report.snapshot().nodes().size());
    }
}
