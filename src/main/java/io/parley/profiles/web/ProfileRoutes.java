package io.parley.profiles.web;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

import io.parley.http.ModuleRoutes;
import io.parley.http.RouteTable;

/** Chat profiles: agents may read them, admins change them. */
@Component
class ProfileRoutes implements ModuleRoutes {

	@Override
	public void declare(RouteTable routes) {
		routes.api(HttpMethod.GET, "/api/v1/chat-profiles/**").roles("ADMIN", "AGENT");
		routes.api("/api/v1/chat-profiles/**").roles("ADMIN");
	}
}
