package io.parley.http;

import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A module's declaration of the routes it serves and who may reach them: each module with web routes has one bean of
 * it beside its controllers, and the security configuration (accounts) builds its filter chains from all of them, so it
 * knows no other module's URLs. It is web configuration, so Spring MVC test slices ({@code @WebMvcTest}) load it with
 * the controllers and authorise as the application does.
 */
@FunctionalInterface
public interface ModuleRoutes extends WebMvcConfigurer {

	void declare(RouteTable routes);
}
