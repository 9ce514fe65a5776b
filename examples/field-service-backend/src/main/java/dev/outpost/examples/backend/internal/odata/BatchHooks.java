package dev.outpost.examples.backend.internal.odata;

import java.util.List;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;
import org.apache.olingo.server.api.deserializer.batch.BatchRequestPart;

/**
 * What the HTTP layer does around the requests inside a {@code $batch}: journal them, inject
 * faults, replay or record repeatable requests.
 */
public interface BatchHooks {

  /** The parsed parts of the batch, bodies readable again. */
  void parsed(List<BatchRequestPart> parts);

  /** A response to give instead of running {@code request}, or null to run it. */
  ODataResponse before(ODataRequest request);

  /** {@code request} ran and answered {@code response} (content readable again afterwards). */
  void after(ODataRequest request, ODataResponse response);

  /** Hooks that do nothing. */
  BatchHooks NONE = new BatchHooks() {
    @Override public void parsed(List<BatchRequestPart> parts) {}
    @Override public ODataResponse before(ODataRequest request) { return null; }
    @Override public void after(ODataRequest request, ODataResponse response) {}
  };
}
