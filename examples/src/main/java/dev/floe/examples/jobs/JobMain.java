package dev.floe.examples.jobs;

import dev.floe.examples.ExampleCommand;

/** Runs an example job's command line. Stateless. */
final class JobMain {

    private JobMain() {}

    /**
     * Parses {@code args} into {@code job} and runs it. Exits the JVM only on failure: under {@code
     * flink run} the Flink client goes on after {@code main} returns.
     */
    static void run(ExampleCommand job, String[] args) {
        int code = ExampleCommand.executeMain(job, args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
