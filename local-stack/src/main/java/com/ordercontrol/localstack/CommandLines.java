package com.ordercontrol.localstack;

import java.io.PrintWriter;
import java.util.function.Consumer;
import picocli.CommandLine;

/** The way every command line of these tools is read (picocli): help exits 0, usage errors exit 2 on stderr. */
public final class CommandLines {

    /** Returned by {@link #parse} when the arguments are valid and the tool should run. */
    public static final int RUN = -1;

    private CommandLines() {
    }

    /**
     * Parses {@code args} into {@code command} (a picocli {@code @Command} object), then lets {@code validate}
     * check the values (it throws {@link CommandLine.ParameterException} to refuse).
     *
     * @return {@link #RUN}, or the exit status: 0 after help or version, 2 after a usage error (message and
     *         usage on {@code err})
     */
    public static int parse(Object command, String[] args, PrintWriter out, PrintWriter err,
                            Consumer<CommandLine> validate) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(out);
        cli.setErr(err);
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            validate.accept(cli);
            return RUN;
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            e.getCommandLine().usage(err);
            return CommandLine.ExitCode.USAGE;
        }
    }
}
