package dev.outpost.cli;

import dev.outpost.DataService;
import dev.outpost.EntityValue;
import dev.outpost.ODataJson;
import dev.outpost.OfflineStore;
import dev.outpost.QueryResult;
import dev.outpost.StoreOptions;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.DataQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code outpost store}: works with an offline store file without a back end: query it, change
 * it (each change is queued), undo, and read the request queue, the error archive and the event
 * log. Output is JSON; bad input is one line on stderr and exit status 2.
 */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Query and change an offline store file; every change is queued as an OData request.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {StoreCommand.Query.class, StoreCommand.Create.class, StoreCommand.Update.class,
                StoreCommand.Delete.class, StoreCommand.Undo.class, StoreCommand.Queue.class, StoreCommand.Errors.class,
                StoreCommand.Events.class, StoreCommand.Download.class, StoreCommand.Upload.class,
                StoreCommand.SyncBoth.class, StoreCommand.Resolve.class})
final class StoreCommand implements Callable<Integer>, Outpost.Verbose {

    @Option(names = "--store", required = true, paramLabel = "FILE", description = "The store file (created if missing).")
    Path store;

    @Option(names = "--metadata", paramLabel = "FILE",
            description = "The service's $metadata document (default: read from --service).")
    Path metadata;

    @Option(names = "--service", paramLabel = "URL", description = "The back end's service root, for download, upload and sync.")
    String service;

    @Option(names = "--defining-query", paramLabel = "NAME=URL",
            description = "What download brings, e.g. orders='WorkOrders?$expand=Tasks' (repeatable; the store keeps them).")
    java.util.Map<String, String> definingQueries = new java.util.LinkedHashMap<>();

    @Option(names = "--page-size", paramLabel = "N", description = "Ask the back end for pages of at most N entities.")
    int pageSize;

    @Option(names = "--basic-user", paramLabel = "USER",
            description = "HTTP Basic authentication as USER; the password is read from the OUTPOST_PASSWORD environment variable.")
    String basicUser;

    @Option(names = "--bearer", description = "Bearer authentication with the token in the OUTPOST_TOKEN environment variable.")
    boolean bearer;

    @Option(names = "--verbose", description = "Print stack traces of failures.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("outpost store: name a command, for example 'query WorkOrders?$top=10'");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.USAGE;
    }

    /** Opens the store, runs the work, closes the store, prints the result. */
    int run(CommandSpec command, Function<Context, String> work) {
        if (metadata == null && service == null) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(),
                    "give --metadata FILE, or --service URL to read the $metadata from the back end");
        }
        ServiceModel model = ServiceModel.read(metadata != null ? MetadataSource.file(metadata)
                : MetadataSource.url(java.net.URI.create(service.endsWith("/") ? service + "$metadata" : service + "/$metadata"),
                authHeaders()));
        StoreOptions options = StoreOptions.of(store, model);
        if (service != null) {
            options = options.sync(syncOptions(command));
        }
        try (OfflineStore offline = OfflineStore.open(options)) {
            String out = work.apply(new Context(model, new DataService(offline), offline));
            if (out != null) {
                command.commandLine().getOut().println(out);
            }
        }
        return ExitStatus.OK;
    }

    private java.util.Map<String, String> authHeaders() {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        authentication().headers().forEach(headers::put);
        return headers;
    }

    private dev.outpost.Authentication authentication() {
        if (basicUser != null) {
            String password = System.getenv("OUTPOST_PASSWORD");
            if (password == null) {
                throw new CommandFailure("--basic-user needs the password in the OUTPOST_PASSWORD environment variable"
                        + " (never on the command line, where other users can see it)");
            }
            return dev.outpost.Authentication.basic(basicUser, password);
        }
        if (bearer) {
            String token = System.getenv("OUTPOST_TOKEN");
            if (token == null) {
                throw new CommandFailure("--bearer needs the token in the OUTPOST_TOKEN environment variable");
            }
            return dev.outpost.Authentication.bearer(() -> token);
        }
        return dev.outpost.Authentication.none();
    }

    private dev.outpost.SyncOptions syncOptions(CommandSpec command) {
        dev.outpost.SyncOptions sync;
        try {
            sync = dev.outpost.SyncOptions.of(service).authentication(authentication()).pageSize(pageSize)
                    .listener(new Progress(command.commandLine().getErr()));
            for (var q : definingQueries.entrySet()) {
                sync = sync.definingQuery(q.getKey(), q.getValue());
            }
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
        return sync;
    }

    /** A progress bar on a terminal; nothing otherwise (the JSON summary tells the result). */
    static final class Progress implements dev.outpost.SyncListener {
        private final java.io.PrintWriter err;
        private final boolean terminal = System.console() != null;
        private long last;

        Progress(java.io.PrintWriter err) {
            this.err = err;
        }

        @Override
        public void progress(dev.outpost.SyncProgress p) {
            long now = System.nanoTime();
            if (!terminal || now - last < 100_000_000L && p.phase() != dev.outpost.SyncProgress.Phase.PUBLISH) {
                return;
            }
            last = now;
            String what = switch (p.phase()) {
                case DOWNLOAD -> String.format("downloading %-16s %,12d entities %,10d KiB", p.definingQuery(), p.entities(),
                        p.bytes() / 1024);
                case PUBLISH -> String.format("publishing %,d entities", p.entities());
                case UPLOAD -> String.format("uploading %,d requests", p.requestsSent());
            };
            int width = 24;
            int filled = (int) ((now / 100_000_000L) % (width + 1));
            String bar = "[" + "=".repeat(filled) + " ".repeat(width - filled) + "]";
            err.print("\r" + bar + " " + what + "   ");
            err.flush();
        }

        @Override
        public void requestFailed(dev.outpost.FailedRequest f) {
            if (terminal) {
                err.println("\rfailed: " + f.method() + " " + f.url() + " -> " + f.status() + " " + f.message());
            }
        }

        void done() {
            if (terminal) {
                err.print("\r" + " ".repeat(100) + "\r");
                err.flush();
            }
        }
    }

    /** What a subcommand works with. */
    record Context(ServiceModel model, DataService service, OfflineStore store) {
        String query(String url, Integer pageSize) {
            DataQuery q = DataQuery.parse(url);
            if (pageSize != null) {
                q = q.maxPageSize(pageSize);
            }
            QueryResult<EntityValue> result = service.executeQuery(q);
            return ODataJson.write(model, result);
        }
    }

    /** A subcommand of {@code store}. */
    abstract static class Sub implements Callable<Integer>, Outpost.Verbose {
        @ParentCommand
        StoreCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public boolean verbose() {
            return parent.verbose;
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true, description = "Runs an OData URL relative to the service root.")
    static final class Query extends Sub {
        @Parameters(paramLabel = "ODATA-URL", description = "For example \"WorkOrders?$filter=Priority lt 3&$expand=Customer\".")
        String url;

        @Option(names = "--maxpagesize", paramLabel = "N", description = "Server-driven paging: at most N entities, then a next link.")
        Integer pageSize;

        @Override
        public Integer call() {
            return parent.run(spec, c -> c.query(url, pageSize));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates an entity from JSON (queued as POST) and prints its readLink.")
    static final class Create extends Sub {
        @Parameters(index = "0", paramLabel = "ENTITY-SET")
        String entitySet;

        @Parameters(index = "1", paramLabel = "JSON", description = "Properties; Nav@odata.bind takes readLinks; nested objects deep-insert.")
        String json;

        @Override
        public Integer call() {
            return parent.run(spec, c -> {
                EntityValue e = ODataJson.read(c.model(), entitySet, json, c.service()::loadEntity);
                c.service().createEntity(e, entitySet, dev.outpost.RequestOptions.defaults());
                return e.readLink();
            });
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Sets properties from JSON (queued as one PATCH) and prints the entity.")
    static final class Update extends Sub {
        @Parameters(index = "0", paramLabel = "READ-LINK")
        String readLink;

        @Parameters(index = "1", paramLabel = "JSON")
        String json;

        @Override
        public Integer call() {
            return parent.run(spec, c -> {
                EntityValue e = c.service().loadEntity(readLink);
                ODataJson.apply(c.model(), e, json);
                c.service().updateEntity(e);
                return ODataJson.write(c.model(), c.service().loadEntity(readLink));
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes an entity (queued as DELETE).")
    static final class Delete extends Sub {
        @Parameters(paramLabel = "READ-LINK")
        String readLink;

        @Override
        public Integer call() {
            return parent.run(spec, c -> {
                c.service().deleteEntity(c.service().loadEntity(readLink));
                return null;
            });
        }
    }

    @Command(name = "undo", mixinStandardHelpOptions = true,
            description = "Drops an entity's pending changes; prints it as restored (nothing if it was created locally).")
    static final class Undo extends Sub {
        @Parameters(paramLabel = "READ-LINK")
        String readLink;

        @Override
        public Integer call() {
            return parent.run(spec, c -> {
                c.service().undoPendingChanges(readLink);
                return c.service().executeQuery(DataQuery.parse(readLink)).entities().stream().findFirst()
                        .map(restored -> ODataJson.write(c.model(), restored)).orElse(null);
            });
        }
    }

    @Command(name = "queue", mixinStandardHelpOptions = true, description = "Prints the request queue in upload order.")
    static final class Queue extends Sub {
        @Override
        public Integer call() {
            return parent.run(spec, c -> c.query("RequestQueue?$orderby=RequestID", null));
        }
    }

    @Command(name = "errors", mixinStandardHelpOptions = true, description = "Prints the error archive (failed requests).")
    static final class Errors extends Sub {
        @Override
        public Integer call() {
            return parent.run(spec, c -> c.query("ErrorArchive?$orderby=ErrorID", null));
        }
    }

    /** Waits for a sync and gives its result as JSON, or its failure as a clear error. */
    static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new CommandFailure(cause.getMessage(), cause);
        }
    }

    static String json(dev.outpost.DownloadResult r) {
        return "{\"download\":{\"definingQueries\":" + names(r.definingQueries()) + ",\"entities\":" + r.entities()
                + ",\"removed\":" + r.removed() + ",\"pages\":" + r.pages() + ",\"delta\":" + r.delta()
                + ",\"schemaVersion\":" + r.schemaVersion() + ",\"millis\":" + r.duration().toMillis() + "}}";
    }

    static String json(dev.outpost.UploadResult r) {
        return "{\"upload\":{\"succeeded\":" + r.succeeded() + ",\"failed\":" + r.failed() + ",\"notSent\":" + r.notSent()
                + ",\"optimizedAway\":" + r.optimizedAway() + ",\"roundTrips\":" + r.roundTrips() + ",\"millis\":"
                + r.duration().toMillis() + "}}";
    }

    private static String names(java.util.List<String> names) {
        return names.stream().map(n -> "\"" + n.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    /** Requires --service for the commands that talk to the back end. */
    abstract static class Online extends Sub {
        String online(Function<Context, String> work) {
            if (parent.service == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        spec.name() + " talks to the back end: give --service URL");
            }
            String[] out = new String[1];
            parent.run(spec, c -> {
                out[0] = work.apply(c);
                return null;
            });
            return out[0];
        }

        Integer print(Function<Context, String> work) {
            String out = online(work);
            spec.commandLine().getOut().println(out);
            return ExitStatus.OK;
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Downloads the named defining queries (all when none are named) and prints a JSON summary.")
    static final class Download extends Online {
        @Parameters(paramLabel = "NAME", arity = "0..*")
        java.util.List<String> names = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            return print(c -> json(await(c.store().download(names.toArray(String[]::new)))));
        }
    }

    @Command(name = "upload", mixinStandardHelpOptions = true,
            description = "Uploads the request queue and prints a JSON summary; rejected requests go to the error archive.")
    static final class Upload extends Online {
        @Option(names = "--category", paramLabel = "NAME", description = "Only requests of these upload categories (repeatable).")
        java.util.List<String> categories = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            dev.outpost.UploadOptions selection = categories.isEmpty() ? dev.outpost.UploadOptions.all()
                    : dev.outpost.UploadOptions.categories(categories.toArray(String[]::new));
            return print(c -> json(await(c.store().upload(selection))));
        }
    }

    @Command(name = "sync", mixinStandardHelpOptions = true, description = "Uploads, then downloads; prints a JSON summary.")
    static final class SyncBoth extends Online {
        @Override
        public Integer call() {
            return print(c -> json(await(c.store().sync())));
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = "Resolves a failed request of the error archive: keep-local, keep-server or merge.")
    static final class Resolve extends Sub {
        @Parameters(index = "0", paramLabel = "ERROR-ID", description = "The ErrorID from 'errors'.")
        long errorId;

        @Parameters(index = "1", paramLabel = "HOW", description = "keep-local, keep-server or merge.")
        String how;

        @Override
        public Integer call() {
            dev.outpost.Resolution resolution = switch (how) {
                case "keep-local" -> dev.outpost.Resolution.KEEP_LOCAL;
                case "keep-server" -> dev.outpost.Resolution.KEEP_SERVER;
                case "merge" -> dev.outpost.Resolution.MERGE;
                default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "'" + how + "' is not a resolution; use keep-local, keep-server or merge");
            };
            return parent.run(spec, c -> {
                c.store().resolve(errorId, resolution);
                return c.query("ErrorArchive?$orderby=ErrorID", null);
            });
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true, description = "Prints the event log (newest 100 events).")
    static final class Events extends Sub {
        @Override
        public Integer call() {
            return parent.run(spec, c -> c.query("EventLog?$orderby=ID desc", null));
        }
    }
}
