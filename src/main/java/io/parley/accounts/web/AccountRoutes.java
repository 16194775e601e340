package io.parley.accounts.web;

import org.springframework.stereotype.Component;

import io.parley.http.ModuleRoutes;
import io.parley.http.RouteTable;

/** Users and API tokens, the login pages, and what every page needs: the style sheet, the API docs, the error page. */
@Component
class AccountRoutes implements ModuleRoutes {

	@Override
	public void declare(RouteTable routes) {
		routes.api("/api/v1/users/**").roles("ADMIN");
		routes.api("/api/v1/api-tokens/**").signedIn();
		routes.console("/login", "/login/expired", "/error", "/css/**", "/js/**", "/favicon.ico", "/v3/api-docs",
				"/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/webjars/**").anyone();
		routes.console("/v3/api-docs.yaml").signedIn();
		routes.consolePages("/login");
	}
}
