package io.parley.widget;

import org.springframework.stereotype.Component;

import io.parley.ModuleRoutes;
import io.parley.RouteTable;

/** The widget's scripts, configuration and chat window: public, framed by the business's pages. */
@Component
class WidgetRoutes implements ModuleRoutes {

	@Override
	public void declare(RouteTable routes) {
		routes.customer("/widget/**");
	}
}
