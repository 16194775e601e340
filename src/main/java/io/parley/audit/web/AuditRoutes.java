package io.parley.audit.web;

import org.springframework.stereotype.Component;

import io.parley.http.ModuleRoutes;
import io.parley.http.RouteTable;

/** The audit history, of the whole tenant and of each profile or point of contact: for admins. */
@Component
class AuditRoutes implements ModuleRoutes {

	@Override
	public void declare(RouteTable routes) {
		routes.api("/api/v1/audit/**", "/api/v1/chat-profiles/*/audit/**", "/api/v1/points-of-contact/*/audit/**")
			.roles("ADMIN");
	}
}
