package io.parley.accounts;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Authenticates {@code Authorization: Bearer pat_...} against the stored token hashes. */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

	private final ApiTokens tokens;
	private final Users users;

	ApiTokenAuthenticationFilter(ApiTokens tokens, Users users) {
		this.tokens = tokens;
		this.users = users;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			var user = tokens.userOf(header.substring(7).trim()).flatMap(users::loginById).filter(ParleyUserDetails::isEnabled);
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
