package dev.trib.cli;

import dev.trib.commands.ops.NodeIds;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/**
 * Lets picocli reject a node reference that cannot name any node (empty, not hex, too short, malformed HOST:PORT)
 * as a usage error (exit 2) before anything is contacted; the rules are {@link NodeIds#malformed}'s. Which node it
 * names is found later, in the cluster.
 */
public class NodeRefConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
        NodeIds.malformed(value).ifPresent(problem -> {
            throw new TypeConversionException(problem);
        });
        return value;
    }

    /** reshard's --from: node references, or the word {@code all}. */
    public static final class OrAll extends NodeRefConverter {
        @Override
        public String convert(String value) {
            return value.trim().toLowerCase(Locale.ROOT).equals("all") ? value : super.convert(value);
        }
    }
}
