package dev.floe.wal.log;

import java.security.SecureRandom;

/** The random seed of a randomized test class: logged, and fixed with {@code -Dfloe.test.seed}. */
final class TestSeed {

    private TestSeed() {}

    /** A new random seed, or the one given as {@code floe.test.seed}; printed for reruns. */
    static long choose(Class<?> testClass) {
        String given = System.getProperty("floe.test.seed");
        long seed =
                given == null || given.isBlank()
                        ? new SecureRandom().nextLong()
                        : Long.parseLong(given.trim());
        System.out.println(
                testClass.getSimpleName()
                        + " seed "
                        + seed
                        + " (rerun with -Dfloe.test.seed="
                        + seed
                        + ")");
        return seed;
    }
}
