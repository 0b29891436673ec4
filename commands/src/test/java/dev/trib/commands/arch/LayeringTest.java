package dev.trib.commands.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * commands sits on planner only: it executes plans over its own socket client and reads backups' RDB files through
 * planner's reader, so neither node-server (the Java node, with Netty) nor the cli may come back into it.
 */
class LayeringTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.trib.commands");

    @Test
    void commandsDependsOnNeitherNodeServerNorCli() {
        noClasses().that().resideInAPackage("dev.trib.commands..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.trib.node..", "dev.trib.cli..", "io.netty..")
                .check(MAIN);
    }
}
