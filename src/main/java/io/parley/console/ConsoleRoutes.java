package io.parley.console;

import org.springframework.stereotype.Component;

import io.parley.http.ModuleRoutes;
import io.parley.http.RouteTable;

/** The console: its home and scripts for anyone logged in, the agent's desk for agents, the rest for admins. */
@Component
class ConsoleRoutes implements ModuleRoutes {

	@Override
	public void declare(RouteTable routes) {
		routes.console("/console/favicon.svg").anyone();
		routes.console("/", "/console", "/console/", "/console/js/**").signedIn();
		routes.formExpiredPage(FormExpiredController.PATH);
		routes.console("/console/agent", "/console/agent/**").roles("AGENT");
		routes.console("/console/**").roles("ADMIN");
		routes.consolePages("/", "/console/**");
	}
}
