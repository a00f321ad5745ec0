import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * A real Neo4j Community for development and tests, run as a single source file:
 * {@code java -cp 'neo4j/lib/*' neo4j/Launcher.java}.
 *
 * <p>Opens Bolt on 127.0.0.1 with auth off, a bounded page cache and a statement timeout, prints
 * {@code NEO4J_READY bolt://127.0.0.1:<port>} once it accepts connections, and shuts the database down
 * cleanly on SIGTERM or SIGINT. With {@code --exit-with-parent} it also shuts down when its standard
 * input closes, which is how the Node app makes sure the JVM never outlives it, even when the app is
 * killed with SIGKILL.
 *
 * <p>Environment: NEO4J_BOLT_PORT (default 7687), NEO4J_DATA_DIR (default .data/neo4j),
 * NEO4J_PAGECACHE_MB (default 256), NEO4J_TX_TIMEOUT_MS (default 30000; 0 disables).
 */
public class Launcher {
  public static void main(String[] args) throws Exception {
    int port = intFromEnv("NEO4J_BOLT_PORT", 7687);
    Path home = Path.of(envOr("NEO4J_DATA_DIR", ".data/neo4j")).toAbsolutePath();
    long pageCacheMb = intFromEnv("NEO4J_PAGECACHE_MB", 256);
    long txTimeoutMs = intFromEnv("NEO4J_TX_TIMEOUT_MS", 30000);
    boolean exitWithParent = java.util.Arrays.asList(args).contains("--exit-with-parent");

    SocketAddress address = new SocketAddress("127.0.0.1", port);
    DatabaseManagementService service =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, address)
            .setConfig(BoltConnector.advertised_address, address)
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, false)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
            .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMillis(txTimeoutMs))
            .build();

    Thread shutdown = new Thread(() -> {
      System.out.println("NEO4J_STOPPING");
      service.shutdown();
      System.out.println("NEO4J_STOPPED");
    }, "neo4j-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);

    service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
    System.out.println("NEO4J_READY bolt://127.0.0.1:" + port + " home=" + home);
    System.out.flush();

    if (exitWithParent) {
      waitForEndOfInput(System.in);
      System.exit(0);
    } else {
      Thread.currentThread().join();
    }
  }

  // Private: blocks until the parent closes our stdin (or dies, which closes it too).
  private static void waitForEndOfInput(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // Input is ignored; only its end matters.
      }
    } catch (IOException ignored) {
      // A broken pipe means the parent is gone as well.
    }
  }

  // Private: an integer setting from the environment, failing with the variable's name.
  private static int intFromEnv(String name, int fallback) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) return fallback;
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, but got: \"" + value + "\"");
    }
  }

  // Private: a string setting from the environment with a default.
  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
