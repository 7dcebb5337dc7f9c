package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on {@code frugal ask}, as a person presses it: the CLI runs in its own process (the
 * launcher's classpath) against the local FAKE OpenAI-compatible server of {@link SmokeServers} (a
 * fixed script, not a language model), whose slow endpoint holds the second model call; the test
 * sends SIGINT while that call is in flight. The run must end cancelled, print what it spent and
 * why it stopped, trace {@code run_finished} and exit 4.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class AskCtrlCTest {
  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void ctrlCCancelsTheRunPrintsItsCostTracesItsEndAndExitsFour() throws Exception {
    interruptAsk(List.of());
  }

  @Test
  void ctrlCReleasesTheRunsReservationsInASharedScope() throws Exception {
    String url = BudgetCliTest.redisUrl();
    String scope = "user:ctrlc" + Long.toHexString(System.nanoTime()) + "/day";
    interruptAsk(List.of("--budget-store", url, "--scope", scope + ",usd=1"));
    Terminal.Run show =
        Terminal.frugal(dir, java.util.Map.of(), "budget", "show", scope, "--budget-store", url);
    assertThat(show.exitCode()).as(show.stderr()).isZero();
    // spent: the first call and the search; held for the call in flight: nothing any more
    assertThat(show.stdout()).containsPattern("USD +\\$1\\.000000 +\\$0\\.\\d{6} +\\$0\\.000000 ");
    assertThat(show.stdout()).doesNotContain("used: $0.000000");
  }

  /** Runs ask against the slow fake model, presses Ctrl-C during the held call, checks the end. */
  private void interruptAsk(List<String> extraArgs) throws Exception {
    BlockingQueue<String> serverLines = new LinkedBlockingQueue<>();
    Process servers =
        start(
            List.of(
                java(),
                "-cp",
                Path.of("target", "test-classes").toAbsolutePath().toString(),
                SmokeServers.class.getName(),
                "200"),
            null);
    readLines(servers, serverLines);
    String base = awaitLine(serverLines, "ready ").substring("ready ".length());

    Path trace = dir.resolve("run.jsonl");
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    List<String> cmd = new ArrayList<>(defaultInterrupt());
    cmd.addAll(
        List.of(
            java(),
            "-cp",
            Terminal.launcherClasspath(),
            FrugalCli.class.getName(),
            "ask",
            "--search-backend",
            "searxng",
            "--searxng-url",
            base,
            "--base-url",
            base + "/slow/v1",
            "--model",
            "fake-model",
            "--price-in",
            "0.15",
            "--price-out",
            "0.6",
            "--allow-address",
            "127.0.0.1",
            "--trace",
            trace.toString()));
    cmd.addAll(extraArgs);
    cmd.addAll(List.of("Who played Corliss Archer in Kiss and Tell, and what post did she hold?"));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().put("FRUGAL_API_KEY", "fake-key");
    Process ask = pb.start();
    started.add(ask);

    awaitLine(serverLines, "slow call in flight"); // the second model call is being held
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(ask.pid())).start();
    assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
    assertThat(ask.waitFor(60, TimeUnit.SECONDS)).as("ask ended after Ctrl-C").isTrue();

    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(ask.exitValue()).as(stdout + stderr).isEqualTo(FrugalCli.EXIT_CANCELLED);
    assertThat(stderr).contains("frugal: cancelling the run");
    assertThat(stdout).contains("Stopped:  cancelled");
    Matcher cost = Pattern.compile("Cost:     \\$(\\d+\\.\\d+)").matcher(stdout);
    assertThat(cost.find()).as(stdout).isTrue();
    assertThat(Double.parseDouble(cost.group(1))).as("the first call's cost").isPositive();
    List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
    assertThat(lines.get(lines.size() - 1))
        .contains("\"run_finished\"")
        .contains("\"stopReason\":\"cancelled\"");
  }

  private Process start(List<String> cmd, Path stdout) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (stdout != null) pb.redirectOutput(stdout.toFile());
    Process p = pb.start();
    started.add(p);
    return p;
  }

  private static void readLines(Process p, BlockingQueue<String> lines) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) lines.add(line);
              } catch (IOException e) {
                // the process ended
              }
            });
    t.setDaemon(true);
    t.start();
  }

  private static String awaitLine(BlockingQueue<String> lines, String prefix)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < end) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null && line.startsWith(prefix)) return line;
    }
    throw new AssertionError("the fake servers never printed '" + prefix + "'");
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * A process started from a shell script's background job inherits SIGINT ignored, and an ignored
   * SIGINT cannot be handled; coreutils' {@code env --default-signal=INT} (8.31+) resets it.
   */
  private static List<String> defaultInterrupt() {
    try {
      Process p = new ProcessBuilder("env", "--default-signal=INT", "true").start();
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return List.of("env", "--default-signal=INT");
      }
    } catch (IOException e) {
      // no such env: start java directly
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return List.of();
  }
}
