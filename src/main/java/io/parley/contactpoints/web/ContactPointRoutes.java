package io.parley.contactpoints.web;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

import io.parley.http.ModuleRoutes;
import io.parley.http.RouteTable;

/** Points of contact and their assignment to profiles: agents may read them, admins change them. */
@Component
class ContactPointRoutes implements ModuleRoutes {

	@Override
	public void declare(RouteTable routes) {
		routes.api(HttpMethod.GET, "/api/v1/points-of-contact/**", "/api/v1/chat-profiles/*/points-of-contact/**")
			.roles("ADMIN", "AGENT");
		routes.api("/api/v1/points-of-contact/**", "/api/v1/chat-profiles/*/points-of-contact/**").roles("ADMIN");
	}
}
