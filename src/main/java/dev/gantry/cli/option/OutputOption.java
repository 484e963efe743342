package dev.gantry.cli.option;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --output text|json}, declared once. Any other value is picocli's usage error (exit 2,
 * naming the option and the two values) before the command starts.
 */
public final class OutputOption {
    public enum Output { TEXT, JSON }

    @Option(names = "--output", defaultValue = "text", paramLabel = "text|json", converter = Parse.class,
            description = "text (default) or json, for scripts (schemas in docs/progress.md and docs/daytwo.md).")
    Output output = Output.TEXT;

    public boolean json() { return output == Output.JSON; }

    static final class Parse implements ITypeConverter<Output> {
        @Override public Output convert(String value) {
            return switch (value) {
                case "text" -> Output.TEXT;
                case "json" -> Output.JSON;
                default -> throw new TypeConversionException("must be text or json, not '" + value + "'");
            };
        }
    }
}
