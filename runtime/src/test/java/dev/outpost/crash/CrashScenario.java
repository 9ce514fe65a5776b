package dev.outpost.crash;

import dev.outpost.OfflineStore;
import dev.outpost.StoreOptions;
import dev.outpost.model.ServiceModel;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * What a child process does to a store, one numbered step at a time, so that the
 * {@link CrashHarness} can kill it with SIGKILL anywhere and then check what survived.
 *
 * <p>The same instance type runs in two processes. In the child ({@link CrashChild}) only
 * {@link #model()}, {@link #options}, {@link #open} and {@link #step} are called; in the parent,
 * {@link #setUp}, {@link #options}, {@link #initialize}, {@link #verify} and {@link #tearDown}. A
 * scenario needs a public no-argument constructor. Steps must be deterministic in their random
 * source, their number and the store's state, so that the parent can repeat them; a step returns
 * only once its effects are committed (the child then acknowledges it).
 *
 * <p>Scenarios: local writes ({@link LocalWritesScenario}), and local writes, uploads and
 * downloads against the example back end ({@link SyncScenario}), whose {@link #setUp} starts a
 * back end in the parent and returns its service root as an argument for the children.
 */
public interface CrashScenario {

    /** The model of the store. The child reads it at every start, so it should be quick to build. */
    ServiceModel model();

    /**
     * In the parent, once per chain of kills, before the store is first opened: prepares anything
     * outside the store (a back end, a reference store, ...).
     *
     * @param dir a directory of the chain for files of the scenario
     * @param seed the chain's seed: step {@code n} gets {@code CrashHarness.random(seed, n)}, so
     *     the parent can repeat any step
     * @return arguments passed to every process that opens the chain's store ({@link #options}, {@link #open})
     */
    default List<String> setUp(Path dir, long seed) throws Exception {
        return List.of();
    }

    /** How the store is opened, in the child and in the parent, given {@link #setUp}'s arguments. */
    default StoreOptions options(Path file, List<String> arguments) {
        return StoreOptions.of(file, model());
    }

    /** In the parent, once per chain, on the new store before the first child: seeds what steps start from. */
    default void initialize(OfflineStore store) throws Exception {
    }

    /** In the child, after the store is open: receives the arguments {@link #setUp} returned. */
    default void open(OfflineStore store, List<String> arguments) throws Exception {
    }

    /**
     * Runs step {@code number}. Runs in the child (the one that may be killed) and, where the
     * scenario needs to know what a step should have done, in the parent.
     *
     * @return a short description of what the step did, for failure reports
     */
    String step(OfflineStore store, Random random, int number) throws Exception;

    /**
     * What kind of step {@code number} is ("write", "upload", ...), known before it runs: the
     * harness places a kill within the typical duration of steps of that kind.
     */
    default String kind(long seed, int number) {
        return "step";
    }

    /**
     * The kinds of steps ({@link #kind}) kills should spread evenly over, however often each
     * occurs; empty: kills land on any step alike.
     */
    default List<String> killKinds() {
        return List.of();
    }

    /**
     * In the parent, after a kill, on the reopened store (already opened, integrity-checked and
     * rebuild-checked by the harness): checks that steps {@code 0 .. acknowledged-1} took effect
     * and that step {@code acknowledged} took effect entirely or not at all.
     *
     * @param store the reopened store
     * @param acknowledged how many steps, counted from the chain's start, were acknowledged
     * @param random for choices of the check (whether to sync now, ...), from the run's seed
     * @return how many steps took effect: {@code acknowledged} or {@code acknowledged + 1};
     *     the next child continues with that step number
     * @throws AssertionError when the store is not what the steps promise
     */
    int verify(OfflineStore store, int acknowledged, Random random) throws Exception;

    /** In the parent, after the last kill of a chain, on the reopened store: a last check. */
    default void finish(OfflineStore store, int committed) throws Exception {
    }

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
