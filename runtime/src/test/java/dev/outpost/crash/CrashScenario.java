package dev.outpost.crash;

import dev.outpost.OfflineStore;
import dev.outpost.model.ServiceModel;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * What a child process does to a store, one numbered step at a time, so that the
 * {@link CrashHarness} can kill it with SIGKILL anywhere and then check what survived.
 *
 * <p>The same instance type runs in two processes. In the child ({@link CrashChild}) only
 * {@link #model()}, {@link #open} and {@link #step} are called; in the parent,
 * {@link #setUp}, {@link #verify} and {@link #tearDown}. A scenario needs a public no-argument
 * constructor. Steps must be deterministic in their random source, their number and the
 * store's state, so that the parent can repeat them; a step returns only once its effects are
 * committed (the child then acknowledges it).
 *
 * <p>Local writes ({@link LocalWritesScenario}) are the first scenario. Upload and download
 * scenarios against the example back end fit the same shape: {@link #setUp} starts and seeds
 * a back end and returns its service root as an argument for the children; a step uploads or
 * downloads; {@link #verify} compares the back end's rows and the store with what the
 * acknowledged steps promise (no loss, no duplicate) and returns how many steps took effect.
 */
public interface CrashScenario {

    /** The model of the store. The child reads it at every start, so it should be quick to build. */
    ServiceModel model();

    /**
     * In the parent, once per chain of kills, before the first child: prepares the store file
     * (seeds server state, ...) and anything outside it (a back end, ...).
     *
     * @param store the chain's store, open
     * @param dir a directory of the chain for files of the scenario
     * @param seed the chain's seed: step {@code n} gets {@code CrashHarness.random(seed, n)}, so
     *     the parent can repeat any step
     * @return arguments passed to every child of the chain ({@link #open})
     */
    default List<String> setUp(OfflineStore store, Path dir, long seed) throws Exception {
        return List.of();
    }

    /** In the child, after the store is open: receives the arguments {@link #setUp} returned. */
    default void open(OfflineStore store, List<String> arguments) throws Exception {
    }

    /**
     * Runs step {@code number}. Runs in the child (the one that may be killed) and, to know
     * what a step should have done, in the parent's reference store.
     *
     * @return a short description of what the step did, for failure reports
     */
    String step(OfflineStore store, Random random, int number) throws Exception;

    /**
     * In the parent, after a kill, on the reopened store (already opened, integrity-checked and
     * rebuild-checked by the harness): checks that steps {@code 0 .. acknowledged-1} took effect
     * and that step {@code acknowledged} took effect entirely or not at all.
     *
     * @param store the reopened store
     * @param acknowledged how many steps, counted from the chain's start, were acknowledged
     * @return how many steps took effect: {@code acknowledged} or {@code acknowledged + 1};
     *     the next child continues with that step number
     * @throws AssertionError when the store is not what the steps promise
     */
    int verify(OfflineStore store, int acknowledged) throws Exception;

    /**
     * An entity that no step ever changes, by readLink: undoing its (no) pending changes makes
     * the store recompute local state from server state and the queue, which the harness uses
     * to prove they agree. Null skips that check.
     */
    default String rebuildProbe() {
        return null;
    }

    /** In the parent, after the chain: releases what {@link #setUp} started. */
    default void tearDown() throws Exception {
    }
}
