package dev.outpost.examples.backend;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Serves the field-service back end on 127.0.0.1 until the process is stopped:
 * {@code java -jar field-service-backend-<version>-standalone.jar [options]}. Options:
 * {@code --port N} (default 8080), {@code --db FILE} (default a temporary file),
 * {@code --seed N} (add N sample work orders), {@code --page-size N}, {@code --no-delta},
 * {@code --no-repeatability}, {@code --no-batch}, {@code --relative-links},
 * {@code --duplicate-key-500}, {@code --csrf}, {@code --basic-auth USER:PASSWORD}.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    BackendOptions options = BackendOptions.defaults().withPort(8080);
    long seed = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> options = options.withPort(Integer.parseInt(value(args, ++i)));
        case "--db" -> options = options.withDatabaseFile(Path.of(value(args, ++i)));
        case "--seed" -> seed = Long.parseLong(value(args, ++i));
        case "--page-size" -> options = options.withPageSize(Integer.parseInt(value(args, ++i)));
        case "--no-delta" -> options = options.withDelta(false);
        case "--no-repeatability" -> options = options.withRepeatability(false);
        case "--no-batch" -> options = options.withBatch(false);
        case "--relative-links" -> options = options.withRelativeLinks(true);
        case "--duplicate-key-500" -> options = options.withDuplicateKeyStatus(500);
        case "--csrf" -> options = options.withCsrfRequired(true);
        case "--basic-auth" -> {
          String[] credentials = value(args, ++i).split(":", 2);
          if (credentials.length != 2) {
            usage("--basic-auth needs USER:PASSWORD");
          }
          options = options.withBasicAuthentication(credentials[0], credentials[1]);
        }
        default -> usage("Unknown option " + args[i]);
      }
    }
    FieldServiceBackend backend = FieldServiceBackend.start(options);
    if (seed > 0) {
      backend.seed(Seed.workOrders(seed).withTasksPerWorkOrder(2).withPartsPerWorkOrder(2));
    }
    Runtime.getRuntime().addShutdownHook(new Thread(backend::close));
    System.out.println("Field-service back end serving " + backend.serviceRoot() + " (data in "
        + backend.databaseFile() + "); stop with Ctrl-C.");
    new CountDownLatch(1).await();
  }

  private static String value(String[] args, int index) {
    if (index >= args.length) {
      usage(args[index - 1] + " needs a value");
    }
    return args[index];
  }

  private static void usage(String problem) {
    System.err.println(problem + ". Options: --port N, --db FILE, --seed N, --page-size N, --no-delta,"
        + " --no-repeatability, --no-batch, --relative-links, --duplicate-key-500, --csrf, --basic-auth USER:PASSWORD");
    System.exit(2);
  }
}
