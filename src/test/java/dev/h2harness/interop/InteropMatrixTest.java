package dev.h2harness.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.h2harness.External;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interop matrix in {@code mvn test}: server rows (judged by {@code check}) and client rows
 * (judged by {@code listen --client-cmd}), one dynamic test per cell, green when
 * every failure is declared in interop/expected-failures.yaml and every declared failure still
 * fails. A stack that is not installed skips here with its reason and fails the run in CI
 * ({@code -Dh2harness.requireExternal=true}). With {@code -Dh2harness.interop.write=true}
 * (what ./interop.sh sets) it also writes docs/interop.md and docs/interop.json; otherwise the
 * same report goes to target/interop/. With {@code -Dh2harness.interop.captureJar=JAR} (a jar whose
 * check has --pcap) it saves small captures of each h2c row under fixtures/captures/.
 */
class InteropMatrixTest {
  @TempDir Path work;

  @TestFactory
  Stream<DynamicTest> serverMatrix() throws Exception {
    Path root = External.projectRoot();
    Path jar = InteropMatrix.defaultJar();
    External.requireThat(Files.exists(jar), jar + " is missing (mvn package builds it at process-classes)");
    External.requireThat(External.find("openssl") != null, "openssl is not on PATH (certificates for TLS rows)");
    List<ServerStack> stacks = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    // -Dh2harness.interop.stacks=netty,node: only those rows (for a quick look; CI runs them all).
    List<String> only = List.of(System.getProperty("h2harness.interop.stacks", "").split(",")).stream()
        .filter(x -> !x.isBlank()).toList();
    for (ServerStack s : InteropMatrix.serverStacks()) {
      if (!only.isEmpty() && !only.contains(s.id())) continue;
      String why = s.missing();
      if (why == null) {
        stacks.add(s);
      } else {
        skipped.add(s.name() + ": " + why);
      }
    }
    List<ClientStack> clients = new ArrayList<>();
    for (ClientStack c : InteropMatrix.clientStacks()) {
      if (!only.isEmpty() && !only.contains(c.id())) continue;
      String why = c.missing();
      if (why == null) {
        clients.add(c);
      } else {
        skipped.add(c.name() + " (client): " + why);
      }
    }
    InteropMatrix matrix = new InteropMatrix(work, jar, root.resolve("interop/expected-failures.yaml"));
    String captureJar = System.getProperty("h2harness.interop.captureJar", "");
    if (!captureJar.isEmpty()) matrix.capturing(Path.of(captureJar), root.resolve("fixtures/captures"));
    int parallelism = Integer.getInteger("h2harness.interop.parallelism", 2);
    List<MatrixCell> cells = new ArrayList<>(matrix.run(stacks, parallelism));
    cells.sort(InteropMatrix.order(stacks));
    // Client rows after the server rows, not beside them: both time their peers on 2 shared cores.
    List<MatrixCell> clientCells = new ArrayList<>(matrix.runClients(clients, parallelism));
    clientCells.sort(InteropMatrix.orderOfIds(clients.stream().map(ClientStack::id).toList()));
    cells.addAll(clientCells);
    boolean write = Boolean.getBoolean("h2harness.interop.write");
    Path docs = write ? root.resolve("docs") : Files.createDirectories(root.resolve("target/interop"));
    MatrixReport.write(cells, skipped, root.resolve("interop/notes.md"), docs.resolve("interop.md"),
        docs.resolve("interop.json"), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    System.out.println("interop matrix: " + cells.size() + " cells, report in " + docs.resolve("interop.md"));
    Stream<DynamicTest> missing = skipped.stream().map(s -> DynamicTest.dynamicTest("not installed: " + s,
        () -> External.requireThat(false, s)));
    Stream<DynamicTest> run = cells.stream().map(c -> DynamicTest.dynamicTest(c.label(),
        () -> assertTrue(c.green(), c.problems())));
    return Stream.concat(missing, run);
  }
}
