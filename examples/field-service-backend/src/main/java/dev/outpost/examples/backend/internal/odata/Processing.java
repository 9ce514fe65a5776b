package dev.outpost.examples.backend.internal.odata;

import dev.outpost.examples.backend.internal.store.Rejected;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.ODataLibraryException;

/** Runs processor work in the request's transaction and reports its failures the way Olingo expects. */
final class Processing {

  private Processing() {}

  /** Work on the database connection of the current request. */
  interface Work {
    void run(Connection connection) throws SQLException, IOException, ODataApplicationException,
        ODataLibraryException;
  }

  static void run(Service service, Work work) throws ODataApplicationException, ODataLibraryException {
    try {
      service.database().transaction(connection -> {
        try {
          work.run(connection);
        } catch (ODataApplicationException | ODataLibraryException | IOException e) {
          throw new Failure(e);
        }
        return null;
      });
    } catch (Failure failure) {
      if (failure.getCause() instanceof ODataApplicationException application) {
        throw application;
      }
      if (failure.getCause() instanceof ODataLibraryException library) {
        throw library;
      }
      throw new ODataApplicationException("Writing the response failed: " + failure.getCause().getMessage(), 500,
          Locale.ROOT, failure.getCause());
    } catch (Rejected rejected) {
      throw new ODataApplicationException(rejected.getMessage(), rejected.status(), Locale.ROOT, rejected);
    }
  }

  /** Carries a checked exception out of the transaction, which rolls back on the way. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(Exception cause) {
      super(cause);
    }
  }
}
