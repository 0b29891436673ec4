package dev.trib.cli;

import dev.trib.planner.check.CheckReport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The archive training swallows its failures (a smaller archive only costs start-up time), so this is where a
 * model change that breaks it shows: the command model builds and the made-up clusters (six nodes, and the daemon's warm-up size) check healthy.
 */
class ClassArchiveTrainingTest {
    @Test
    void theCommandModelWalksAndTheRehearsedClusterIsHealthy() {
        ClassArchiveTraining.walkCommandModel();
        CheckReport report = ClassArchiveTraining.rehearseCreateAndCheck(6);
        assertTrue(report.healthy(), report.findings().toString());
        assertEquals(6, report.snapshot().nodes().size());
    }

    @Test
    void theDaemonsWarmUpClusterIsHealthyAtItsSize() {
        CheckReport report = ClassArchiveTraining.rehearseCreateAndCheck(ClassArchiveTraining.WARM_UP_NODES);
        assertTrue(report.healthy(), report.findings().toString());
        assertEquals(ClassArchiveTraining.WARM_UP_NODES, report.snapshot().nodes().size());
    }
}
