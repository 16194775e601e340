package io.parley.accounts;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The OpenAPI description at {@code /v3/api-docs}: how to authenticate, and no internal parameters. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static {
		// The caller is resolved from the credentials, not sent as a parameter.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
	}

	@Bean
	OpenAPI parleyOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Parley API")
				.version("v1")
				.description("Chat profiles, points of contact, assets, users and the audit history of a tenant; "
						+ "the public widget configuration. Errors are RFC 9457 problems.")
				.license(new License().name("Apache-2.0")))
			.components(new Components()
				.addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
					.description("A user's name and password. After repeated wrong ones from one address, attempts"
							+ " are answered 429 with Retry-After, unchecked, until the wait is over."))
				.addSecuritySchemes("apiToken", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
					.description("An API token from POST /api/v1/api-tokens. Many unknown tokens from one address"
							+ " are answered 429 with Retry-After.")))
			.addSecurityItem(new SecurityRequirement().addList("basic"))
			.addSecurityItem(new SecurityRequirement().addList("apiToken"));
	}
}
