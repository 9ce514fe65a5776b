package app;

/** Ordinary application code; the build compiles it while Outpost skips. */
public final class Plain {

    private Plain() {
    }
}
