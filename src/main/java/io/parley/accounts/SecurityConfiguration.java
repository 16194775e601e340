package io.parley.accounts;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletResponse;

import io.parley.http.ModuleRoutes;
import io.parley.http.Problem;
import io.parley.http.RouteTable;
import io.parley.http.RouteTable.Area;
import io.parley.database.DatabaseOutage;

/**
 * How callers are recognised and where each area's rules apply. {@code /api/**} is stateless with HTTP Basic or an API
 * token and answers 401/403 as problems; customers' routes and health are public; everything else is the console
 * behind a form login. Which route needs which role each module declares itself ({@link ModuleRoutes}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
			+ " frame-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
			+ " frame-ancestors 'self'";

	/**
	 * No observations of Spring Security's filters, authentication and authorization: they wrap every filter of every
	 * request, which cost a measurable share of the chat path's time (docs/PERFORMANCE.md), and nothing reads them.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService userDetailsService(Users users) {
		return username -> users.loginByUsername(username)
			.orElseThrow(() -> new UsernameNotFoundException("Bad credentials"));
	}

	@Bean
	ClientAddresses clientAddresses(@Value("${parley.widget.trusted-proxies:}") String trustedProxies) {
		return new ClientAddresses(trustedProxies);
	}

	/** Counting of wrong credentials; a {@link Clock} bean, where there is one, is its time (tests move it on). */
	@Bean
	LoginThrottle loginThrottle(@Value("${parley.accounts.login-backoff:1s}") Duration backoff,
			@Value("${parley.accounts.login-backoff-max:5m}") Duration backoffMax,
			@Value("${parley.accounts.login-failures-per-address:30}") int failuresPerAddress,
			ObjectProvider<Clock> clock) {
		return new LoginThrottle(backoff, backoffMax, failuresPerAddress, clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	VerifiedCredentials verifiedCredentials() {
		return new VerifiedCredentials(VerifiedCredentials.REMEMBER_FOR, VerifiedCredentials.MAX_ENTRIES);
	}

	/** The password check of the given channel ("API": HTTP Basic, remembered briefly; "console": the login form). */
	private static PasswordCheck passwordCheck(UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle,
			VerifiedCredentials verified, String channel) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(encoder);
		return new PasswordCheck(new ProviderManager(provider), throttle, verified, channel);
	}

	/**
	 * HTTP Basic and API tokens, as {@code /api/**} and the actuator take them: checked through the throttle, with the
	 * client address as {@link ClientAddresses} sees it.
	 */
	private static void acceptApiCredentials(HttpSecurity http, ApiCredentials credentials,
			AuthenticationEntryPoint entryPoint) {
		http.authenticationManager(passwordCheck(credentials.users(), credentials.encoder(), credentials.throttle(),
				credentials.verified(), "API"))
			.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint)
				.authenticationDetailsSource(request -> new WebAuthenticationDetails(credentials.addresses().of(request),
						null)))
			.addFilterBefore(new ApiTokenAuthenticationFilter(credentials.tokens(), credentials.logins(),
					credentials.throttle(), credentials.addresses(), entryPoint), BasicAuthenticationFilter.class);
	}

	/**
	 * How the API answers credentials it did not take: 429 with Retry-After while they back off; 503 (through the
	 * problem handler) when they could not be checked because the database is out of reach, which is not a wrong
	 * password; otherwise 401.
	 */
	private static AuthenticationEntryPoint apiEntryPoint(HandlerExceptionResolver errors) {
		return (request, response, e) -> {
			if (e instanceof TooManyFailedAttempts tooMany) {
				tooManyFailedAttempts(response, tooMany);
				return;
			}
			if (e instanceof InternalAuthenticationServiceException) {
				errors.resolveException(request, response, null, e);
				return;
			}
			problem(response, HttpStatus.UNAUTHORIZED, "Unauthorized",
					"Authenticate with HTTP Basic or an API token (Authorization: Bearer ...).");
		};
	}

	/** What checking API credentials takes. */
	record ApiCredentials(UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle,
			VerifiedCredentials verified, ClientAddresses addresses, ApiTokens tokens, Users logins) {
	}

	@Bean
	ApiCredentials apiCredentials(UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle,
			VerifiedCredentials verified, ClientAddresses addresses, ApiTokens tokens, Users logins) {
		return new ApiCredentials(users, encoder, throttle, verified, addresses, tokens, logins);
	}

	/** Every module's routes ({@link ModuleRoutes} beans in their web packages): who may reach them. */
	@Bean
	RouteTable routeTable(List<ModuleRoutes> modules) {
		return RouteTable.of(modules);
	}

	/** Adds the rules, most specific first, to an authorisation whose last word is the caller's. */
	private static AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry authorize(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth,
			List<RouteTable.Rule> rules) {
		for (RouteTable.Rule rule : rules) {
			var url = rule.method() == null ? auth.requestMatchers(rule.pattern())
					: auth.requestMatchers(rule.method(), rule.pattern());
			if (rule.anyone()) {
				url.permitAll();
			}
			else if (rule.roles().isEmpty()) {
				url.authenticated();
			}
			else {
				url.hasAnyRole(rule.roles().toArray(String[]::new));
			}
		}
		return auth;
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ApiCredentials credentials, RouteTable routes,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) throws Exception {
		AuthenticationEntryPoint entryPoint = apiEntryPoint(errors);
		http.securityMatcher(RouteTable.API)
			.authorizeHttpRequests(auth -> authorize(auth, routes.rules(Area.API)).anyRequest().hasRole("ADMIN"))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.exceptionHandling(errorHandling -> errorHandling
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler((request, response, e) -> problem(response, HttpStatus.FORBIDDEN, "Forbidden",
						"Your role does not allow this request.")));
		acceptApiCredentials(http, credentials, entryPoint);
		return http.build();
	}

	/**
	 * The actuator: public, and its health shows details to admins only (application.yaml), recognised by their
	 * console session, HTTP Basic or API token. It never starts a session.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain actuator(HttpSecurity http, ApiCredentials credentials,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
				.anyRequest().hasRole("ADMIN"))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache(cache -> cache.disable());
		acceptApiCredentials(http, credentials, apiEntryPoint(errors));
		return http.build();
	}

	/**
	 * The customer side: public, without sessions or CSRF (customers hold a chat token, not a cookie), and without
	 * {@code X-Frame-Options}, because the chat window is framed by the business's pages; its page sets
	 * {@code Content-Security-Policy: frame-ancestors} from the point of contact's allowed origins instead.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain customers(HttpSecurity http, RouteTable routes) throws Exception {
		http.securityMatcher(anyOf(List.of(routes.patterns(Area.CUSTOMER))))
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.headers(headers -> headers.frameOptions(frame -> frame.disable()));
		return http.build();
	}

	/**
	 * The agent console's feed WebSocket: the handshake is authenticated by the console's login session (the socket
	 * is then bound to it, see {@link LoginSessionSockets}), answers 401/403 instead of the login page, and is never
	 * remembered as the page to return to after logging in. The handshake is a GET, which CSRF protection lets
	 * through; the handler checks that the Origin is Parley's own, as cookies would come along from any site.
	 */
	@Bean
	@Order(3)
	SecurityFilterChain consoleSockets(HttpSecurity http, RouteTable routes) throws Exception {
		http.securityMatcher(anyOf(List.of(routes.patterns(Area.CONSOLE_SOCKET))))
			.authorizeHttpRequests(auth -> authorize(auth, routes.rules(Area.CONSOLE_SOCKET)).anyRequest().denyAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache(cache -> cache.disable())
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, e) -> problem(response, HttpStatus.UNAUTHORIZED,
						"Unauthorized", "Log in to the console first.", false))
				.accessDeniedHandler((request, response, e) -> problem(response, HttpStatus.FORBIDDEN, "Forbidden",
						"Only agents have a feed.")));
		return http.build();
	}

	@Bean
	@Order(4)
	SecurityFilterChain publicAndConsole(HttpSecurity http, UserDetailsService users, PasswordEncoder encoder,
			LoginThrottle throttle, ClientAddresses addresses, RouteTable routes) throws Exception {
		http.authorizeHttpRequests(auth -> authorize(auth, routes.rules(Area.CONSOLE)).anyRequest().authenticated())
			.authenticationManager(passwordCheck(users, encoder, throttle, null, "console"))
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureHandler(loginFailure())
				.permitAll()
				.authenticationDetailsSource(request -> new WebAuthenticationDetails(addresses.of(request), null)))
			.exceptionHandling(errors -> errors.accessDeniedHandler(new FormExpiredPages(routes.formExpiredPage())))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			// Console pages run only their own script files: no inline script, no inline style, framed by nothing
			// but themselves (the profile editor frames the chat window for its preview).
			.headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
					anyOf(routes.pages()), new ContentSecurityPolicyHeaderWriter(CONSOLE_POLICY))));
		return http.build();
	}

	/**
	 * The requests of any of the patterns; none when there are none (a module test that starts no module declaring
	 * routes of an area: its chain then matches nothing).
	 */
	private static RequestMatcher anyOf(List<String> patterns) {
		if (patterns.isEmpty()) {
			return request -> false;
		}
		return new OrRequestMatcher(patterns.stream()
			.map(pattern -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(pattern))
			.toList());
	}

	/**
	 * A wrong user name or password goes back to the login page; a login that could not be checked because the
	 * database is out of reach gets the error page with 503 (templates/error/503.html), so nobody is told that a
	 * right password is wrong.
	 */
	private static AuthenticationFailureHandler loginFailure() {
		AuthenticationFailureHandler wrongCredentials = new SimpleUrlAuthenticationFailureHandler("/login?error");
		return (request, response, e) -> {
			if (e instanceof InternalAuthenticationServiceException) {
				if (DatabaseOutage.explains(e)) {
					response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseOutage.retryAfter());
					response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
				}
				else {
					log.error("Could not check a console login", e);
					response.sendError(HttpStatus.INTERNAL_SERVER_ERROR.value());
				}
				return;
			}
			wrongCredentials.onAuthenticationFailure(request, response, e);
		};
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new ActorArgumentResolver());
	}

	static void problem(HttpServletResponse response, HttpStatus status, String title, String detail)
			throws IOException {
		problem(response, status, title, detail, true);
	}

	/** A problem answer; {@code challenge} asks for API credentials on a 401 (not where only the session counts). */
	static void problem(HttpServletResponse response, HttpStatus status, String title, String detail,
			boolean challenge) throws IOException {
		if (status == HttpStatus.UNAUTHORIZED && challenge) {
			response.setHeader("WWW-Authenticate", "Basic realm=\"Parley\", Bearer");
		}
		Problem.of(status, title, detail).writeTo(response);
	}

	/** 429 with {@code Retry-After}: credentials refused unchecked by the {@link LoginThrottle}. */
	static void tooManyFailedAttempts(HttpServletResponse response, TooManyFailedAttempts e) throws IOException {
		response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
		problem(response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed attempts", "Too many wrong credentials came"
				+ " from your address. They were not checked; try again in " + e.retryAfterInWords() + ".", false);
	}
}
