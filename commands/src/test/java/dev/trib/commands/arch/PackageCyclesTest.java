package dev.trib.commands.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * commands' packages form no cycle: every package is its own slice (node, node.resp, exec, migrate, ops, measure,
 * ...), so node access reaching back into an operation, or the migration engine into ops, fails here with the classes
 * that make the cycle.
 */
class PackageCyclesTest {

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.trib.commands");
        slices().matching("dev.trib.commands.(**)").should().beFreeOfCycles().check(classes);
    }
}
