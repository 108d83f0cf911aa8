package dev.keywarden.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The embedded store is closed to everyone but its owner: the database's own server (how an
 * operator command reaches a running one) takes no connection without the generated password and
 * listens on loopback only; the folder is 0700 and its files 0600; operator commands still work
 * while {@code serve} runs.
 */
class ClosedStoreTest {
  @Test
  void embeddedStore_refusesConnectionsWithoutThePassword_andIsOwnerOnly() throws Exception {
    Store store = Store.embedded();
    try (ServerProcess server = ServerProcess.start(store)) {
      Path dir = store.dir();
      Properties lock = new Properties();
      try (Reader reader = Files.newBufferedReader(dir.resolve("keywarden.lock.db"))) {
        lock.load(reader);
      }
      String address = lock.getProperty("server");
      String id = lock.getProperty("id");
      assertThat(address).as("the lock file names the database's server").isNotNull();
      int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
      String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/" + id;

      assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Wrong user name or password");
      assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "guess").close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Wrong user name or password");
      // With the password kept in the folder the same connection works: the refusals above are
      // the password's doing, not a wrong address.
      String password = Files.readString(dir.resolve("db.password")).strip();
      try (Connection owner = DriverManager.getConnection(url, "sa", password)) {
        assertThat(owner.isValid(2)).isTrue();
      }
      for (InetAddress other : nonLoopbackAddresses()) {
        try (Socket socket = new Socket()) {
          assertThatThrownBy(() -> socket.connect(new InetSocketAddress(other, port), 1_000))
              .as("the database's port on " + other)
              .isInstanceOf(IOException.class);
        }
      }

      assertThat(mode(dir)).isEqualTo("rwx------");
      try (Stream<Path> files = Files.list(dir)) {
        List<Path> regular = files.filter(Files::isRegularFile).toList();
        assertThat(regular)
            .extracting(p -> p.getFileName().toString())
            .contains("keywarden.mv.db", "master.key", "db.password", "keywarden.lock.db");
        for (Path file : regular) {
          assertThat(mode(file)).as(file.getFileName().toString()).isEqualTo("rw-------");
        }
      }

      Cli.Result created =
          Cli.onStore(
              store, "keys", "create", "ops", "--user", "admin", "--scopes", "Tasks,APIKey");
      assertThat(created.exitCode()).as(created.stderr()).isZero();
      String token = created.stdout().strip();
      Http.Response verified =
          server
              .demo()
              .as(token)
              .send("POST", Http.VERIFY, Map.of("key", token, "scopes", List.of("Tasks")));
      assertThat(verified.status()).as(verified.body()).isEqualTo(200);
      Cli.Result listed = Cli.onStore(store, "keys", "list", "--user", "admin");
      assertThat(listed.exitCode()).as(listed.stderr()).isZero();
      assertThat(listed.stdout()).contains("ops");
    }
  }

  @Test
  void storeMadeWithoutAPassword_isGivenOneOnFirstOpen() throws Exception {
    Store store = Store.embedded();
    Path dir = store.dir();
    String url = "jdbc:h2:file:" + dir.resolve("keywarden");
    // A database as earlier releases made it: user sa, empty password, default modes.
    DriverManager.getConnection(url, "sa", "").close();
    try (ServerProcess server = ServerProcess.start(store)) {
      assertThat(server.output()).contains("listening on port");
    }
    assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Wrong user name or password");
    String password = Files.readString(dir.resolve("db.password")).strip();
    try (Connection owner = DriverManager.getConnection(url, "sa", password)) {
      assertThat(owner.isValid(2)).isTrue();
    }
    assertThat(mode(dir.resolve("keywarden.mv.db"))).isEqualTo("rw-------");
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static List<InetAddress> nonLoopbackAddresses() throws IOException {
    return NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
        .toList();
  }
}
