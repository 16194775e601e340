package io.parley.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may reach which route, as the modules declare it ({@link ModuleRoutes}). A route lives in one area, which is
 * one filter chain of the security configuration: {@link Area#API} ({@code /api/**}, credentials with every request),
 * {@link Area#CUSTOMER} (public, no session, may be framed), {@link Area#CONSOLE_SOCKET} (a WebSocket handshake
 * authenticated by the console's login session) and {@link Area#CONSOLE} (the pages behind the login form and all
 * else), in the order the chains are tried. Within an
 * area the most specific pattern decides, whichever module declared it; for the same pattern a rule for one method
 * comes before a rule for all.
 */
public final class RouteTable {

	/** Every API route lies under this prefix; an API route no module declares is for admins. */
	public static final String API = "/api/**";

	/** Where a route lives, that is which filter chain authorises it. */
	public enum Area {
		API, CUSTOMER, CONSOLE_SOCKET, CONSOLE
	}

	/** One declared rule: nobody but {@code anyone} or the {@code roles} (none: anyone signed in) may pass. */
	public record Rule(Area area, HttpMethod method, String pattern, boolean anyone, List<String> roles) {

		/** Whether this rule is about the request {@code method} {@code path}. */
		public boolean matches(HttpMethod method, String path) {
			return (this.method == null || this.method.equals(method))
					&& PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(path));
		}
	}

	private static final Comparator<Rule> MOST_SPECIFIC_FIRST = Comparator
		.comparing((Rule rule) -> PathPatternParser.defaultInstance.parse(rule.pattern()), PathPattern.SPECIFICITY_COMPARATOR)
		.thenComparing(rule -> rule.method() == null);

	private final List<Rule> rules = new ArrayList<>();
	private final List<String> pages = new ArrayList<>();
	private String formExpiredPage;

	/** The table of all the given modules' routes. */
	public static RouteTable of(List<? extends ModuleRoutes> modules) {
		RouteTable table = new RouteTable();
		modules.forEach(module -> module.declare(table));
		return table;
	}

	public Access api(String... patterns) {
		return api(null, patterns);
	}

	public Access api(HttpMethod method, String... patterns) {
		for (String pattern : patterns) {
			if (!pattern.startsWith("/api/")) {
				throw new IllegalArgumentException("An API route lies under /api/: " + pattern);
			}
		}
		return new Access(Area.API, method, patterns);
	}

	/** Routes for customers and their browsers: public. */
	public void customer(String... patterns) {
		new Access(Area.CUSTOMER, null, patterns).anyone();
	}

	public Access console(String... patterns) {
		return new Access(Area.CONSOLE, null, patterns);
	}

	public Access consoleSocket(String... patterns) {
		return new Access(Area.CONSOLE_SOCKET, null, patterns);
	}

	/** Pages that run only their own scripts: they get the console's Content-Security-Policy. */
	public void consolePages(String... patterns) {
		pages.addAll(List.of(patterns));
	}

	/** The rules of one area, most specific first. */
	public List<Rule> rules(Area area) {
		return rules.stream().filter(rule -> rule.area() == area).sorted(MOST_SPECIFIC_FIRST).toList();
	}

	/** The patterns of one area, e.g. to match the requests of its filter chain. */
	public String[] patterns(Area area) {
		return rules(area).stream().map(Rule::pattern).distinct().toArray(String[]::new);
	}

	public List<String> pages() {
		return List.copyOf(pages);
	}

	/**
	 * The console page, for anyone signed in, that a console form refused for its stale CSRF token shows to someone
	 * still logged in (the security configuration forwards there).
	 */
	public void formExpiredPage(String path) {
		console(path).signedIn();
		formExpiredPage = path;
	}

	/** The page declared by {@link #formExpiredPage(String)}, if a module declared one. */
	public Optional<String> formExpiredPage() {
		return Optional.ofNullable(formExpiredPage);
	}

	/** The rule that decides about a request, if a module declared one. */
	public Optional<Rule> ruleFor(HttpMethod method, String path) {
		for (Area area : Area.values()) {
			Optional<Rule> rule = rules(area).stream().filter(r -> r.matches(method, path)).findFirst();
			if (rule.isPresent()) {
				return rule;
			}
		}
		return Optional.empty();
	}

	/** Who may reach the routes just named. */
	public final class Access {

		private final Area area;
		private final HttpMethod method;
		private final String[] patterns;

		private Access(Area area, HttpMethod method, String[] patterns) {
			this.area = area;
			this.method = method;
			this.patterns = patterns;
		}

		public void anyone() {
			add(true, List.of());
		}

		public void signedIn() {
			add(false, List.of());
		}

		public void roles(String... roles) {
			add(false, List.of(roles));
		}

		private void add(boolean anyone, List<String> roles) {
			for (String pattern : patterns) {
				rules.add(new Rule(area, method, pattern, anyone, roles));
			}
		}
	}
}
