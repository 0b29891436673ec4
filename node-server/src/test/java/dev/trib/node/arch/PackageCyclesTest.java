package dev.trib.node.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * node-server's packages form no cycle: every package is its own slice, so a family of commands reaching back into
 * the command core, or replication into the wiring, fails here with the classes that make the cycle.
 */
class PackageCyclesTest {

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.trib.node");
        slices().matching("dev.trib.node.(**)").should().beFreeOfCycles().check(classes);
    }
}
