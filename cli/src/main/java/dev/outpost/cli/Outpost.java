package dev.outpost.cli;

import dev.outpost.OutpostException;
import dev.outpost.generator.schema.SchemaHistoryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * The {@code outpost} command line. Subcommands do the work: {@code validate}, {@code generate}
 * and {@code store}. Exit statuses are listed in {@link ExitStatus}.
 */
@Command(name = "outpost",
        mixinStandardHelpOptions = true,
        versionProvider = Outpost.Version.class,
        description = "Offline-first OData v4 for Java: checks $metadata for offline use, generates typed proxies,"
                + " and works with offline stores.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {ValidateCommand.class, GenerateCommand.class, StoreCommand.class, HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {ExitStatus.OK_HELP, ExitStatus.FINDINGS_HELP, ExitStatus.USAGE_HELP, ExitStatus.INTERNAL_HELP})
public final class Outpost implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Runs the command line and exits with its status. Output is UTF-8. */
    public static void main(String[] args) {
        CommandLine cli = commandLine();
        cli.setOut(new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true));
        System.exit(cli.execute(args));
    }

    /**
     * The configured command line: usage errors and failures become one line on stderr and exit
     * status 2 (3 for internal errors); stack traces only with {@code --verbose}.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Outpost());
        cli.setParameterExceptionHandler(Outpost::usageError);
        cli.setExecutionExceptionHandler(Outpost::failure);
        return cli;
    }

    /** Without a subcommand there is nothing to do: show the usage. */
    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        cli.getErr().println("outpost: name a command, for example 'outpost validate metadata.xml'");
        cli.usage(cli.getErr());
        return ExitStatus.USAGE;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println("outpost: " + e.getMessage() + "; see '" + cli.getCommandSpec().qualifiedName() + " --help'");
        cli.getErr().flush();
        return ExitStatus.USAGE;
    }

    private static int failure(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        if (e instanceof CommandLine.ParameterException usage) {
            return usageError(usage, null); // an argument the command could only check while running
        }
        PrintWriter err = cli.getErr();
        boolean known = e instanceof OutpostException || e instanceof CommandFailure || e instanceof UncheckedIOException
                || e instanceof SchemaHistoryException;
        if (known) {
            err.println("outpost: " + e.getMessage());
        } else {
            err.println("outpost: internal error: " + e + "; rerun with --verbose and report the stack trace");
        }
        if (cli.getCommand() instanceof Verbose v && v.verbose()) {
            e.printStackTrace(err);
        }
        err.flush();
        return known ? ExitStatus.USAGE : ExitStatus.INTERNAL;
    }

    /** A command with a {@code --verbose} flag. */
    interface Verbose {
        boolean verbose();
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Outpost.class.getPackage().getImplementationVersion();
            return new String[] {"outpost " + (v != null ? v : "(development build)")};
        }
    }
}
