package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.parley.http.RouteTable.Area;
import io.parley.http.RouteTable.Rule;
import io.parley.http.ModuleRoutes;
import io.parley.http.RouteTable;

/**
 * Every route a controller maps is declared by some module ({@link ModuleRoutes}), so a new endpoint cannot be left
 * to a fallback by accident; and where modules' declarations overlap, the more specific one decides.
 */
@IntegrationTest
class RouteDeclarationsIntegrationTest {

	@Autowired
	RouteTable routes;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void everyMappedControllerRouteIsDeclaredByAModule() {
		List<String> undeclared = new ArrayList<>();
		int checked = 0;
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				String path = sample(pattern);
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
					checked++;
					if (routes.ruleFor(method.asHttpMethod(), path).isEmpty()) {
						undeclared.add(method + " " + pattern);
					}
				}
			}
		}
		assertThat(checked).as("mapped routes").isGreaterThan(100);
		assertThat(undeclared).as("routes no module declares").isEmpty();
	}

	@Test
	void theMostSpecificDeclarationDecidesWhicheverModuleMadeIt() {
		assertThat(decides(HttpMethod.GET, "/api/v1/chat-profiles/p/audit")).containsExactly("ADMIN");
		assertThat(decides(HttpMethod.GET, "/api/v1/chat-profiles/p/audit/summary")).containsExactly("ADMIN");
		assertThat(decides(HttpMethod.GET, "/api/v1/chat-profiles/p")).containsExactly("ADMIN", "AGENT");
		assertThat(decides(HttpMethod.PUT, "/api/v1/chat-profiles/p")).containsExactly("ADMIN");
		assertThat(decides(HttpMethod.GET, "/api/v1/chat-profiles/p/points-of-contact")).containsExactly("ADMIN", "AGENT");
		assertThat(decides(HttpMethod.PUT, "/api/v1/chat-profiles/p/points-of-contact")).containsExactly("ADMIN");
		assertThat(decides(HttpMethod.GET, "/console/agent/api/chats")).containsExactly("AGENT");
		assertThat(decides(HttpMethod.GET, "/console/users")).containsExactly("ADMIN");
		assertThat(routes.ruleFor(HttpMethod.GET, "/console/js/agent.js").map(Rule::roles)).contains(List.of());
		assertThat(routes.ruleFor(HttpMethod.GET, "/console/agent/stream").map(Rule::area)).contains(Area.CONSOLE_SOCKET);
		assertThat(routes.ruleFor(HttpMethod.POST, "/widget/v1/chats/c/messages").map(Rule::anyone)).contains(true);
	}

	@Test
	void theConsoleDeclaresThePageAnExpiredFormShowsOpenToAnyoneSignedIn() {
		assertThat(routes.formExpiredPage()).contains("/console/form-expired");
		assertThat(routes.ruleFor(HttpMethod.POST, "/console/form-expired").map(Rule::roles)).contains(List.of());
	}

	private List<String> decides(HttpMethod method, String path) {
		return routes.ruleFor(method, path).map(Rule::roles).orElseThrow();
	}

	/** A path the pattern matches: each variable or wildcard becomes one segment "x". */
	private static String sample(String pattern) {
		return pattern.replaceAll("\\{[^/]*\\}", "x").replace("**", "x").replace("*", "x");
	}
}
