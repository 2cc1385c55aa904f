package org.tdabench.benchmark.store;

/**
 * Computes an artifact's payload into the (temporary) folder of {@link ProducerContext#folder()}. It
 * must write only there; the store renames the folder into place when the producer returns and
 * deletes it when the producer throws.
 */
@FunctionalInterface
public interface Producer {
  void produce(ProducerContext context) throws Exception;
}
