package dev.outpost.generator.java;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.Range;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.printer.DefaultPrettyPrinter;
import com.github.javaparser.printer.configuration.DefaultConfigurationOption;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration;
import com.github.javaparser.printer.configuration.PrinterConfiguration;

import java.util.Optional;

/**
 * Parses every rendered source with JavaParser (Java 17) and prints it in one layout. A template
 * bug thus fails generation, naming the file and line, instead of writing Java that does not
 * compile; and the layout never depends on how a template happens to indent.
 *
 * <p>Not thread-safe: the parser keeps state while it works. The emitter gives each of its
 * threads one formatter, which then parses file after file.
 */
final class JavaFormatter {

    private final JavaParser parser = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
    private final PrinterConfiguration printer = new DefaultPrinterConfiguration().addOption(
            new DefaultConfigurationOption(DefaultPrinterConfiguration.ConfigOption.END_OF_LINE_CHARACTER, "\n"));

    /**
     * The formatted source.
     *
     * @throws JavaEmitterException if the source does not parse
     */
    String format(String path, String template, String source) {
        ParseResult<CompilationUnit> result = parser.parse(source);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            Problem problem = result.getProblems().get(0);
            Optional<Range> range = problem.getLocation().flatMap(TokenRange::toRange);
            int line = range.map(r -> r.begin.line).orElse(0);
            int column = range.map(r -> r.begin.column).orElse(0);
            String[] lines = source.split("\n", -1);
            String text = line > 0 && line <= lines.length ? "\n    " + lines[line - 1].strip() : "";
            throw new JavaEmitterException(path + ":" + line + ":" + column + ": template " + template
                    + " wrote Java that does not parse: " + problem.getMessage().lines().findFirst().orElse("") + text);
        }
        String printed = new DefaultPrettyPrinter(printer).print(result.getResult().get());
        return printed.endsWith("\n") ? printed : printed + "\n";
    }
}
