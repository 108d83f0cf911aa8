package dev.keywarden.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link VerifyBenchmark} in several short rounds, both benchmarks in each, and prints the
 * median time of each and the median of the per-round ratios. On a shared, noisy machine a ratio
 * taken from neighbouring runs is far steadier than one from two long runs minutes apart.
 *
 * <p>Usage: {@code java -cp keywarden-bench.jar dev.keywarden.bench.JmhRatio [rounds]}
 */
public final class JmhRatio {
  private static final String BASELINE = "baselineSha256AndHashMap";
  private static final String VERIFIER = "verifyIfCached";
  private static final double TARGET = 1.5;

  private JmhRatio() {}

  public static void main(String[] args) throws RunnerException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Double> baselines = new ArrayList<>();
    List<Double> verifiers = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Options options =
          new OptionsBuilder()
              .include(VerifyBenchmark.class.getName() + "\\.")
              .forks(1)
              .warmupIterations(3)
              .warmupTime(TimeValue.seconds(1))
              .measurementIterations(3)
              .measurementTime(TimeValue.seconds(1))
              .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
              .build();
      Collection<RunResult> results = new Runner(options).run();
      double baseline = score(results, BASELINE);
      double verifier = score(results, VERIFIER);
      baselines.add(baseline);
      verifiers.add(verifier);
      ratios.add(verifier / baseline);
      System.out.printf(
          Locale.ROOT,
          "round %d: baseline %.1f ns/op, verifyIfCached %.1f ns/op, ratio %.2f%n",
          round,
          baseline,
          verifier,
          verifier / baseline);
    }
    double ratio = median(ratios);
    System.out.printf(
        Locale.ROOT,
        "%nmedian over %d rounds: baseline (SHA-256 + HashMap) %.1f ns/op,"
            + " Verifier.verifyIfCached %.1f ns/op, ratio %.2fx (target <= %.1fx: %s)%n",
        rounds,
        median(baselines),
        median(verifiers),
        ratio,
        TARGET,
        ratio <= TARGET ? "met" : "NOT met");
  }

  private static double score(Collection<RunResult> results, String method) {
    for (RunResult result : results) {
      if (result.getParams().getBenchmark().endsWith("." + method)) {
        return result.getPrimaryResult().getScore();
      }
    }
    throw new IllegalStateException("no result for " + method);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
