package dev.outpost.examples.backend;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Serves the field-service back end on 127.0.0.1 until the process is stopped:
 * {@code java -jar field-service-backend-<version>-standalone.jar [options]}. Options:
 * {@code --port N} (default 8080; 0 for any free port), {@code --db FILE} (default a temporary file),
 * {@code --seed N} (add N sample work orders), {@code --page-size N}, {@code --no-delta},
 * {@code --no-repeatability}, {@code --no-batch}, {@code --relative-links},
 * {@code --duplicate-key-500}, {@code --csrf}, {@code --basic-auth USER:PASSWORD}.
 * The first line on standard output names the service root.
 */
public final class Main {

  static final String OPTIONS = "Options: --port N, --db FILE, --seed N, --page-size N, --no-delta,"
      + " --no-repeatability, --no-batch, --relative-links, --duplicate-key-500, --csrf, --basic-auth USER:PASSWORD";

  /** A parsed command line: the server's options and how many sample work orders to add. */
  record Command(BackendOptions options, long seed) {}

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    Command command;
    try {
      command = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + ". " + OPTIONS);
      System.exit(2);
      return;
    }
    FieldServiceBackend backend = FieldServiceBackend.start(command.options());
    if (command.seed() > 0) {
      backend.seed(Seed.workOrders(command.seed()).withTasksPerWorkOrder(2).withPartsPerWorkOrder(2));
    }
    Runtime.getRuntime().addShutdownHook(new Thread(backend::close));
    System.out.println("Field-service back end serving " + backend.serviceRoot() + " (data in "
        + backend.databaseFile() + "); stop with Ctrl-C.");
    new CountDownLatch(1).await();
  }

  /** The command line as options; an {@link IllegalArgumentException} names what is wrong with it. */
  static Command parse(String... args) {
    BackendOptions options = BackendOptions.defaults().withPort(8080);
    long seed = 0;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--port" -> options = options.withPort(number(option, value(args, ++i)));
        case "--db" -> options = options.withDatabaseFile(Path.of(value(args, ++i)));
        case "--seed" -> seed = number(option, value(args, ++i));
        case "--page-size" -> options = options.withPageSize(number(option, value(args, ++i)));
        case "--no-delta" -> options = options.withDelta(false);
        case "--no-repeatability" -> options = options.withRepeatability(false);
        case "--no-batch" -> options = options.withBatch(false);
        case "--relative-links" -> options = options.withRelativeLinks(true);
        case "--duplicate-key-500" -> options = options.withDuplicateKeyStatus(500);
        case "--csrf" -> options = options.withCsrfRequired(true);
        case "--basic-auth" -> {
          String[] credentials = value(args, ++i).split(":", 2);
          if (credentials.length != 2 || credentials[0].isEmpty()) {
            throw new IllegalArgumentException("--basic-auth needs USER:PASSWORD");
          }
          options = options.withBasicAuthentication(credentials[0], credentials[1]);
        }
        default -> throw new IllegalArgumentException("Unknown option " + option);
      }
    }
    return new Command(options, seed);
  }

  private static String value(String[] args, int index) {
    if (index >= args.length) {
      throw new IllegalArgumentException(args[index - 1] + " needs a value");
    }
    return args[index];
  }

  private static int number(String option, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number of 0 or more, not '" + value + "'");
    }
  }
}
