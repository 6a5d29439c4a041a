package dev.floe.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A {@code floe} command that works on the stores: opens them, runs, and closes them whatever
 * happens. Not thread-safe.
 */
abstract class SessionCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        try (FloeSession session = cli().openSession()) {
            return run(session);
        }
    }

    /** Runs the command; returns its exit code. */
    abstract int run(FloeSession session) throws Exception;

    FloeCli cli() {
        return (FloeCli) spec.root().userObject();
    }

    PrintStream out() {
        return cli().out();
    }

    PrintStream err() {
        return cli().err();
    }
}
