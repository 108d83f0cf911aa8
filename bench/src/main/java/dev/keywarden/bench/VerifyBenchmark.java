package dev.keywarden.bench;

import dev.keywarden.core.Caller;
import dev.keywarden.core.Keywarden;
import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.account.AccountService;
import dev.keywarden.core.crypto.MasterKey;
import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.key.NewKey;
import dev.keywarden.core.key.SecretHash;
import dev.keywarden.core.verify.VerifyResult;
import dev.keywarden.verification.KeyToken;
import dev.keywarden.verification.Requirements;
import dev.keywarden.verification.TokenFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Verifier.verifyIfCached} for a cached, valid key against the least any verification must
 * do: a {@link HashMap} lookup of the access id and a SHA-256 of the secret compared in constant
 * time. The ratio of the two is the price of everything else (expiry, scopes, binding, rate limit,
 * counters, last-use tracking, a concurrent cache). Run with {@code bench/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(1)
public class VerifyBenchmark {
  private Keywarden keywarden;
  private KeyToken credential;
  private Requirements requirements;
  private Map<String, byte[]> baselineHashes;

  @Setup(Level.Trial)
  public void setUp() {
    String url = "jdbc:h2:mem:bench" + UUID.randomUUID().toString().replace("-", "");
    keywarden =
        Keywarden.open(
            StoreConfig.jdbc(url + ";DB_CLOSE_DELAY=-1", "sa", "", MasterKey.generate()));
    AccountService.Created acme =
        keywarden.accounts().create("acme", "admin", "correct horse battery staple");
    Caller operator = Caller.operator(acme.account().id(), "acme");
    CreatedKey key =
        keywarden
            .keys()
            .createForUser(
                operator,
                "admin",
                NewKey.of(
                    "bench",
                    EnumSet.of(
                        dev.keywarden.verification.Scope.Tasks,
                        dev.keywarden.verification.Scope.Session)));
    credential = TokenFormat.parse(key.token());
    requirements =
        new Requirements(
            acme.account().id(),
            EnumSet.of(dev.keywarden.verification.Scope.Tasks),
            null,
            dev.keywarden.verification.ApiVersion.v2,
            "127.0.0.1");
    if (!keywarden.verifier().verify(credential, requirements).valid()) {
      throw new IllegalStateException("the benchmark key does not verify");
    }
    baselineHashes = new HashMap<>();
    baselineHashes.put(credential.accessId(), SecretHash.digest(key.secret()));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    keywarden.close();
  }

  /** Each thread's own digest: the cheapest SHA-256 the JDK offers. */
  @State(Scope.Thread)
  public static class Digest {
    final MessageDigest sha256;

    public Digest() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The floor: a map lookup and a SHA-256 compared in constant time. */
  @Benchmark
  public boolean baselineSha256AndHashMap(Digest digest) {
    byte[] stored = baselineHashes.get(credential.accessId());
    byte[] presented = digest.sha256.digest(credential.secret().getBytes(StandardCharsets.UTF_8));
    return stored != null && MessageDigest.isEqual(presented, stored);
  }

  /** The verifier's in-memory path, with every check. */
  @Benchmark
  public VerifyResult verifyIfCached() {
    return keywarden.verifier().verifyIfCached(credential, requirements);
  }
}
