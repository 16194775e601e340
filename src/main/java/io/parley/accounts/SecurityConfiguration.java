package io.parley.accounts;

import java.io.IOException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletResponse;

import io.parley.database.DatabaseOutage;

/**
 * Who may call what. {@code /api/**} is stateless with HTTP Basic or an API token and answers 401/403 as problems;
 * the widget, assets, health and API docs are public; everything else is the console behind a form login.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
			+ " frame-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
			+ " frame-ancestors 'self'";

	/** Where the agent console opens its feed (the chat module serves it, {@code ChatWebSocketConfiguration}). */
	static final String CONSOLE_AGENT_STREAM = "/console/agent/stream";

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
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, Users users,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) throws Exception {
		// Credentials that could not be checked (the database is out of reach) are not wrong credentials: the problem
		// handler answers those 503 with Retry-After, never 401.
		AuthenticationEntryPoint entryPoint = (request, response, e) -> {
			if (e instanceof InternalAuthenticationServiceException) {
				errors.resolveException(request, response, null, e);
				return;
			}
			problem(response, HttpStatus.UNAUTHORIZED, "Unauthorized",
					"Authenticate with HTTP Basic or an API token (Authorization: Bearer ...).");
		};
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/api/v1/users/**", "/api/v1/audit/**").hasRole("ADMIN")
				.requestMatchers("/api/v1/chat-profiles/*/audit/**", "/api/v1/points-of-contact/*/audit/**").hasRole("ADMIN")
				.requestMatchers("/api/v1/api-tokens/**").authenticated()
				.requestMatchers("/api/v1/agent/**").hasRole("AGENT")
				// the chat module answers 404 to an agent who did not handle the chat
				.requestMatchers(HttpMethod.GET, "/api/v1/chats/*/transcript").hasAnyRole("ADMIN", "AGENT")
				.requestMatchers(HttpMethod.GET, "/api/v1/chat-profiles/**", "/api/v1/points-of-contact/**")
				.hasAnyRole("ADMIN", "AGENT")
				.anyRequest().hasRole("ADMIN"))
			.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
			.addFilterBefore(new ApiTokenAuthenticationFilter(tokens, users, entryPoint), BasicAuthenticationFilter.class)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.exceptionHandling(errorHandling -> errorHandling
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler((request, response, e) -> problem(response, HttpStatus.FORBIDDEN, "Forbidden",
						"Your role does not allow this request.")));
		return http.build();
	}

	/**
	 * The customer side: public, without sessions or CSRF (customers hold a chat token, not a cookie), and without
	 * {@code X-Frame-Options}, because the chat window is framed by the business's pages; its page sets
	 * {@code Content-Security-Policy: frame-ancestors} from the point of contact's allowed origins instead.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain widgetAndAssets(HttpSecurity http) throws Exception {
		http.securityMatcher("/widget/**", "/assets/**")
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
	SecurityFilterChain consoleAgentStream(HttpSecurity http) throws Exception {
		http.securityMatcher(CONSOLE_AGENT_STREAM)
			.authorizeHttpRequests(auth -> auth.anyRequest().hasRole("AGENT"))
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
	SecurityFilterChain publicAndConsole(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(auth -> auth
				.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
						"/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html", "/webjars/**",
						"/css/**", "/js/**", "/favicon.ico", "/console/favicon.svg", "/error", "/login")
				.permitAll()
				.requestMatchers("/console", "/console/", "/console/js/**").authenticated()
				.requestMatchers("/console/agent/**", "/console/agent").hasRole("AGENT")
				.requestMatchers("/console/**").hasRole("ADMIN")
				.anyRequest().authenticated())
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureHandler(loginFailure())
				.permitAll())
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			// Console pages run only their own script files: no inline script, no inline style, framed by nothing
			// but themselves (the profile editor frames the chat window for its preview).
			.headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
					new OrRequestMatcher(PathPatternRequestMatcher.pathPattern("/"),
							PathPatternRequestMatcher.pathPattern("/login"),
							PathPatternRequestMatcher.pathPattern("/console/**")),
					new ContentSecurityPolicyHeaderWriter(CONSOLE_POLICY))));
		return http.build();
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
					response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
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
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		if (status == HttpStatus.UNAUTHORIZED && challenge) {
			response.setHeader("WWW-Authenticate", "Basic realm=\"Parley\", Bearer");
		}
		response.getWriter().write("{\"type\":\"https://parley.io/problems/" + title.toLowerCase()
				+ "\",\"title\":\"" + title + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}");
	}
}
