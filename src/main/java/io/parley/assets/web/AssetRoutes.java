package io.parley.assets.web;

import org.springframework.stereotype.Component;

import io.parley.http.ModuleRoutes;
import io.parley.http.RouteTable;

/** Admins upload images; anyone fetches them (widgets show them on other sites). */
@Component
class AssetRoutes implements ModuleRoutes {

	@Override
	public void declare(RouteTable routes) {
		routes.api("/api/v1/assets/**").roles("ADMIN");
		routes.customer("/assets/**");
	}
}
