package dev.keywarden.bench;

import dev.keywarden.core.Keywarden;
import dev.keywarden.core.StoreConfig;
import dev.keywarden.server.KeywardenServer;
import dev.keywarden.server.ServerConfig;
import dev.keywarden.verification.Requirements;
import dev.keywarden.verification.TokenFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Serves a seeded embedded store for the load benchmark on 127.0.0.1, after verifying every seeded
 * token once so that the benchmark measures the steady state (every key cached). Prints {@code
 * ready} when it listens; runs until killed.
 *
 * <p>Usage: {@code java -cp keywarden-bench.jar dev.keywarden.bench.Serve <data dir> <port> [tokens
 * file]}
 */
public final class Serve {
  private Serve() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path dataDir = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    Keywarden keywarden = Keywarden.open(StoreConfig.embedded(dataDir)).start();
    if (args.length > 2) {
      warm(keywarden, Files.readAllLines(Path.of(args[2])));
    }
    ServerConfig config =
        new ServerConfig(
            "127.0.0.1",
            port,
            "localhost",
            null,
            dev.keywarden.server.auth.CredentialHeaders.DEFAULT,
            64 * 1024);
    KeywardenServer server = KeywardenServer.start(keywarden, config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  keywarden.close();
                }));
    System.out.println("ready on port " + server.port() + ", pid " + ProcessHandle.current().pid());
    Thread.currentThread().join();
  }

  private static void warm(Keywarden keywarden, List<String> tokens) {
    long start = System.nanoTime();
    int valid = 0;
    for (String token : tokens) {
      if (keywarden.verifier().verify(TokenFormat.parse(token), Requirements.any()).valid()) {
        valid++;
      }
    }
    System.out.printf(
        "warmed %d of %d keys in %d ms%n",
        valid, tokens.size(), Duration.ofNanos(System.nanoTime() - start).toMillis());
  }
}
