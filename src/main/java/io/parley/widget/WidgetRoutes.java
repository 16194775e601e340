package io.parley.widget;

import org.springframework.stereotype.Component;

import io.parley.http.ModuleRoutes;
import io.parley.http.RouteTable;

/** The widget's scripts, configuration and chat window: public, framed by the business's pages. */
@Component
class WidgetRoutes implements ModuleRoutes {

	@Override
	public void declare(RouteTable routes) {
		routes.customer("/widget/**");
	}
}
