package io.parley.accounts;

import java.io.IOException;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a console request refused for its CSRF token shows (a form left open across a logout or the end of a session,
 * most often): a page that says what happened, with status 403, whatever the request accepts. Someone still logged
 * in gets the page the console declares for it ({@link io.parley.http.RouteTable#formExpiredPage(String)}; without one,
 * the usual error page); someone whose session is gone gets the login page saying so. htmx, which does not show a
 * refused answer, is sent to the page instead. Other refusals (a role that does not open a page) get the usual error
 * page.
 */
class FormExpiredPages implements AccessDeniedHandler {

	static final String LOGIN_PAGE = "/login/expired";

	private final Optional<String> consolePage;
	private final AccessDeniedHandler otherwise = new AccessDeniedHandlerImpl();

	FormExpiredPages(Optional<String> consolePage) {
		this.consolePage = consolePage;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refusal)
			throws IOException, ServletException {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		boolean loggedIn = user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken);
		if (!(refusal instanceof CsrfException) || loggedIn && consolePage.isEmpty()) {
			otherwise.handle(request, response, refusal);
			return;
		}
		String page = loggedIn ? consolePage.get() : LOGIN_PAGE;
		response.setStatus(HttpStatus.FORBIDDEN.value());
		if ("true".equals(request.getHeader("HX-Request"))) {
			response.setHeader("HX-Redirect", request.getContextPath() + page);
			return;
		}
		request.getRequestDispatcher(page).forward(request, response);
	}
}
