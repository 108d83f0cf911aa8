package dev.keywarden.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * Several servers on one PostgreSQL store, as a cluster runs: each a {@link ServerProcess} of its
 * own, started one after the other (the first migrates the schema). Closing stops them all.
 */
public final class Cluster implements AutoCloseable {
  private final Store store;
  private final List<ServerProcess> nodes = new ArrayList<>();

  private Cluster(Store store) {
    this.store = store;
  }

  /** {@code count} servers on a fresh PostgreSQL store (skips or fails without PostgreSQL). */
  public static Cluster postgres(int count, String... options) {
    Cluster cluster = new Cluster(Store.postgres());
    try {
      for (int i = 0; i < count; i++) {
        cluster.nodes.add(ServerProcess.start(cluster.store, options));
      }
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** The shared store. */
  public Store store() {
    return store;
  }

  /** The {@code index}th node (from 0). */
  public ServerProcess node(int index) {
    return nodes.get(index);
  }

  @Override
  public void close() {
    for (ServerProcess node : nodes) {
      node.close();
    }
  }
}
