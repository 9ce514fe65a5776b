package dev.outpost.generator.java;

import dev.outpost.generator.output.GeneratedFile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Renders and formats the sources of one emission on every core. Parsing and printing with
 * JavaParser is almost all of the emitter's time (Microsoft Graph: 3,800 files, 16 MB), and each
 * file is independent; so every core gets a thread with its own {@link JavaFormatter}, and the
 * largest rendered files are formatted first, so that the largest one (a service class of more
 * than a megabyte) does not start last and keep one core busy while the others idle. Results
 * keep the input order: the output never depends on scheduling.
 */
final class Parallel {

    /** Formats one rendered source. */
    @FunctionalInterface
    interface Format {
        GeneratedFile apply(int index, String rendered, JavaFormatter formatter);
    }

    private Parallel() {
    }

    /**
     * Renders every source, then formats them, largest first.
     *
     * @param count how many sources
     * @param render the rendered text of source {@code i}
     * @param format the file of source {@code i}
     * @return the files in source order
     * @throws JavaEmitterException the first failure (in source order) of rendering or formatting
     */
    static List<GeneratedFile> formatAll(int count, IntFunction<String> render, Format format) {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), count));
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "outpost-emitter-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            String[] rendered = new String[count];
            List<Callable<Void>> renders = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                renders.add(() -> {
                    rendered[index] = render.apply(index);
                    return null;
                });
            }
            await(pool.invokeAll(renders));

            ThreadLocal<JavaFormatter> formatters = ThreadLocal.withInitial(JavaFormatter::new);
            GeneratedFile[] files = new GeneratedFile[count];
            Integer[] bySize = new Integer[count];
            Arrays.setAll(bySize, i -> i);
            Arrays.sort(bySize, Comparator.comparingInt((Integer i) -> rendered[i].length()).reversed());
            List<Callable<Void>> formats = new ArrayList<>(count);
            for (int index : bySize) {
                formats.add(() -> {
                    files[index] = format.apply(index, rendered[index], formatters.get());
                    rendered[index] = null;
                    return null;
                });
            }
            await(pool.invokeAll(formats));
            return Arrays.asList(files);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JavaEmitterException("interrupted while generating Java sources", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits for every task; rethrows the first failure in submission order. */
    private static void await(List<Future<Void>> futures) throws InterruptedException {
        for (Future<Void> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new JavaEmitterException("generating a Java source failed: " + cause, cause);
            }
        }
    }
}
