package io.parley.accounts;

import java.io.IOException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates {@code Authorization: Bearer pat_...} against the stored token hashes. Unknown or revoked tokens count
 * against the client address in the {@link LoginThrottle}, as wrong passwords do.
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(ApiTokenAuthenticationFilter.class);

	private final ApiTokens tokens;
	private final Users users;
	private final LoginThrottle throttle;
	private final ClientAddresses addresses;
	private final AuthenticationEntryPoint entryPoint;

	ApiTokenAuthenticationFilter(ApiTokens tokens, Users users, LoginThrottle throttle, ClientAddresses addresses,
			AuthenticationEntryPoint entryPoint) {
		this.tokens = tokens;
		this.users = users;
		this.throttle = throttle;
		this.addresses = addresses;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (BearerToken.isBearer(header)) {
			String address = addresses.of(request);
			Optional<ParleyUserDetails> user;
			try (LoginThrottle.Attempt attempt = throttle.begin(null, address)) {
				// a Bearer header without a token is a wrong token too, counted as one
				user = tokens.userOf(BearerToken.of(header).orElse("")).flatMap(users::loginById)
					.filter(ParleyUserDetails::isEnabled);
				if (user.isEmpty()) {
					attempt.failed();
					log.warn("Unknown or revoked API token from {}", address);
				}
				else {
					attempt.succeeded();
				}
			}
			catch (TooManyFailedAttempts e) {
				SecurityConfiguration.tooManyFailedAttempts(response, e);
				return;
			}
			catch (RuntimeException e) {
				// not a wrong token: it could not be checked (the database is out of reach, answered 503), not counted
				entryPoint.commence(request, response,
						new InternalAuthenticationServiceException("The API token could not be checked", e));
				return;
			}
			if (user.isEmpty()) {
				SecurityConfiguration.problem(response, HttpStatus.UNAUTHORIZED, "Unauthorized",
						"The API token is unknown or revoked.");
				return;
			}
			var authentication = UsernamePasswordAuthenticationToken.authenticated(user.get(), null,
					user.get().getAuthorities());
			SecurityContextHolder.getContext().setAuthentication(authentication);
		}
		chain.doFilter(request, response);
	}
}
