package io.parley;

/**
 * A module's declaration of the routes it serves and who may reach them: each module with web routes has one bean of
 * it in its web package, and the security configuration (accounts) builds its filter chains from all of them, so it
 * knows no other module's URLs.
 */
@FunctionalInterface
public interface ModuleRoutes {

	void declare(RouteTable routes);
}
