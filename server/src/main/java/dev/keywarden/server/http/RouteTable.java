package dev.keywarden.server.http;

import dev.keywarden.core.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The declared table of every route the server answers: the only place routes exist. Each route is
 * a method, a path template ({@code :name} for a path parameter) and where it lives:
 *
 * <ul>
 *   <li>{@link Place#SERVICE} routes belong to the service itself (health, metrics, the API's
 *       description) and are answered without an account;
 *   <li>{@link Place#ACCOUNT} routes act on an account, addressed by host name ({@code
 *       <account>.<base-domain>}) or by the {@code /a/<account>} path prefix;
 *   <li>{@link Place#HOT} routes are account routes served by their one implementation straight
 *       from the {@link FrontDoor}, without vertx-web's router (the verification hot path);
 *   <li>{@link Place#MANAGEMENT} routes (health, metrics) are served on the separate management
 *       listener ({@link #managementRouter}), loopback by default, never on the public port.
 * </ul>
 *
 * <p>{@link #router} builds the vertx-web router for the service and account routes; the front door
 * asks {@link #dispatchHot} first. Build the table once at start-up; it is read-only (and
 * thread-safe) afterwards.
 */
public final class RouteTable {
  /** Where a route lives. */
  public enum Place {
    /** The service's own routes, without an account. */
    SERVICE,
    /** Routes of an account, through the router. */
    ACCOUNT,
    /** Routes of an account served directly by the front door. */
    HOT,
    /** Operators' routes (health, metrics, version), served only on the management port. */
    MANAGEMENT
  }

  /** One declared route. */
  public record Route(HttpMethod method, String path, Place place) {}

  /** A hot operation: handles the whole request itself, from reading it to answering it. */
  @FunctionalInterface
  public interface HotOperation {
    /**
     * Handles a request.
     *
     * @param pathAccount the account named by an {@code /a/<account>} prefix, or {@code null} when
     *     the request names its account by host
     */
    void handle(HttpServerRequest request, String pathAccount);
  }

  private static final String ACCOUNT_PREFIX = "/a/";

  private record Registration(Route route, List<Handler<RoutingContext>> handlers) {}

  private record Hot(HttpMethod method, String path, HotOperation operation) {}

  private record Filter(String pathPrefix, Handler<RoutingContext> handler) {}

  private final List<Route> routes = new ArrayList<>();
  private final List<Registration> registrations = new ArrayList<>();
  private final List<Filter> filters = new ArrayList<>();
  private Hot[] hot = new Hot[0];

  /** Declares a route of the service itself. */
  @SafeVarargs
  public final RouteTable service(
      HttpMethod method, String path, Handler<RoutingContext>... handlers) {
    return register(new Route(method, path, Place.SERVICE), copy(handlers));
  }

  /** Declares a route of an account, served through the router. */
  @SafeVarargs
  public final RouteTable account(
      HttpMethod method, String path, Handler<RoutingContext>... handlers) {
    return register(new Route(method, path, Place.ACCOUNT), copy(handlers));
  }

  /** Declares an operators' route, served only by the management listener. */
  @SafeVarargs
  public final RouteTable management(
      HttpMethod method, String path, Handler<RoutingContext>... handlers) {
    return register(new Route(method, path, Place.MANAGEMENT), copy(handlers));
  }

  /** Declares a hot route of an account, served by the front door without the router. */
  public RouteTable hot(HttpMethod method, String path, HotOperation operation) {
    Objects.requireNonNull(operation, "null operation");
    routes.add(new Route(method, path, Place.HOT));
    Hot[] more = java.util.Arrays.copyOf(hot, hot.length + 1);
    more[hot.length] = new Hot(method, path, operation);
    hot = more;
    return this;
  }

  /**
   * Declares a handler every account request under a path prefix passes first (before the pipeline
   * and the route), so that it applies to errors too.
   */
  public RouteTable filter(String pathPrefix, Handler<RoutingContext> handler) {
    filters.add(new Filter(pathPrefix, handler));
    return this;
  }

  @SafeVarargs
  private static List<Handler<RoutingContext>> copy(Handler<RoutingContext>... handlers) {
    List<Handler<RoutingContext>> copied = new ArrayList<>(handlers.length);
    for (Handler<RoutingContext> handler : handlers) {
      copied.add(handler);
    }
    return List.copyOf(copied);
  }

  private RouteTable register(Route route, List<Handler<RoutingContext>> handlers) {
    if (handlers.isEmpty()) {
      throw new IllegalArgumentException("A route needs a handler: " + route);
    }
    routes.add(route);
    registrations.add(new Registration(route, handlers));
    return this;
  }

  /** Every declared route, in declaration order (for the API description and its test). */
  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /**
   * Serves a request by its hot route if it has one, and returns whether it did. Matches the exact
   * path, or the path under an {@code /a/<account>} prefix; allocates only the account name.
   */
  public boolean dispatchHot(HttpServerRequest request) {
    HttpMethod method = request.method();
    String path = request.path();
    for (Hot entry : hot) {
      if (entry.method() != method || !path.endsWith(entry.path())) {
        continue;
      }
      int prefixEnd = path.length() - entry.path().length();
      if (prefixEnd == 0) {
        entry.operation().handle(request, null);
        return true;
      }
      if (prefixEnd > ACCOUNT_PREFIX.length()
          && path.startsWith(ACCOUNT_PREFIX)
          && path.indexOf('/', ACCOUNT_PREFIX.length()) == prefixEnd) {
        entry.operation().handle(request, path.substring(ACCOUNT_PREFIX.length(), prefixEnd));
        return true;
      }
    }
    return false;
  }

  /**
   * Builds the router of the service and account routes. Account routes are reached under {@code
   * /a/:account/} and directly (account by host); every account request passes the filters, then
   * the pipeline (e.g. body reading, account resolution), then its route's handlers.
   */
  public Router router(Vertx vertx, List<Handler<RoutingContext>> accountPipeline) {
    Router root = Router.router(vertx);
    root.route().failureHandler(Problems::handleFailure);
    Router accounts = Router.router(vertx);
    accounts.route().failureHandler(Problems::handleFailure);
    for (Filter filter : filters) {
      accounts.route(filter.pathPrefix() + "*").handler(filter.handler());
    }
    accountPipeline.forEach(handler -> accounts.route().handler(handler));
    for (Registration registration : registrations) {
      Route route = registration.route();
      if (route.place() == Place.MANAGEMENT) {
        continue;
      }
      Router target = route.place() == Place.SERVICE ? root : accounts;
      var registered = target.route(route.method(), route.path());
      registration.handlers().forEach(registered::handler);
    }
    accounts.route().last().handler(this::methodNotAllowed);
    root.route("/a/:account/*").subRouter(accounts);
    root.route("/*").subRouter(accounts);
    root.errorHandler(404, context -> Problems.send(context.response(), ErrorCode.NOT_FOUND));
    root.errorHandler(
        405, context -> Problems.send(context.response(), ErrorCode.METHOD_NOT_ALLOWED));
    return root;
  }

  /** Builds the router of the management routes, answering {@code 404} for anything else. */
  public Router managementRouter(Vertx vertx) {
    Router management = Router.router(vertx);
    management.route().failureHandler(Problems::handleFailure);
    for (Registration registration : registrations) {
      if (registration.route().place() == Place.MANAGEMENT) {
        var registered =
            management.route(registration.route().method(), registration.route().path());
        registration.handlers().forEach(registered::handler);
      }
    }
    management.errorHandler(404, context -> Problems.send(context.response(), ErrorCode.NOT_FOUND));
    return management;
  }

  /**
   * Answers {@code 405} with {@code Allow} when the path is served under other methods; otherwise
   * passes on to the {@code 404}. Runs only for account requests no route took.
   */
  private void methodNotAllowed(RoutingContext context) {
    String path = context.request().path();
    String mountPoint = context.mountPoint();
    if (mountPoint != null && mountPoint.length() > 1 && path.startsWith(mountPoint)) {
      path = path.substring(mountPoint.length() - (mountPoint.endsWith("/") ? 1 : 0));
    }
    Set<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      if (route.place() != Place.SERVICE
          && route.place() != Place.MANAGEMENT
          && matches(route.path(), path)) {
        allowed.add(route.method().name());
      }
    }
    if (allowed.isEmpty()) {
      context.next();
      return;
    }
    context.response().putHeader("Allow", String.join(", ", allowed));
    Problems.send(
        context.response(), ErrorCode.METHOD_NOT_ALLOWED, "Allowed here: " + allowed, null);
  }

  /** Whether a path fits a route template, {@code :param} segments matching any one segment. */
  static boolean matches(String template, String path) {
    String[] expected = template.split("/");
    String[] actual = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path).split("/");
    if (expected.length != actual.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      boolean parameter = expected[i].startsWith(":") && !actual[i].isEmpty();
      if (!parameter && !expected[i].equals(actual[i])) {
        return false;
      }
    }
    return true;
  }
}
