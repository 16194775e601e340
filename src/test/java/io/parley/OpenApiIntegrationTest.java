package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.HttpApi.Answer;

import tools.jackson.databind.JsonNode;

@IntegrationTest
class OpenApiIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void describesTheApiAsOpenApiJson() {
		Answer docs = HttpApi.anonymous(port).get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.header("Content-Type")).startsWith("application/json");
		JsonNode spec = docs.json();
		assertThat(spec.at("/openapi").asString()).startsWith("3.");
		assertThat(spec.at("/paths/~1api~1v1~1users/get").isObject()).isTrue();
		assertThat(spec.at("/paths/~1api~1v1~1users/post").isObject()).isTrue();
		assertThat(spec.at("/paths/~1api~1v1~1assets/post/requestBody/content").has("multipart/form-data")).isTrue();
		assertThat(spec.at("/paths/~1assets~1{id}/get").isObject()).isTrue();
	}

	@Test
	void swaggerUiPageLeadsToAUiThatLoadsThisApi() {
		HttpApi anonymous = HttpApi.anonymous(port);
		Answer redirect = anonymous.get("/swagger-ui.html");
		assertThat(redirect.status()).isBetween(301, 308);
		String location = URI.create("http://localhost:" + port + "/swagger-ui.html").resolve(redirect.header("Location")).getPath();
		assertThat(location).isEqualTo("/swagger-ui/index.html");

		Answer page = anonymous.get(location);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.text()).contains("<title>Swagger UI</title>", "swagger-ui-bundle.js", "swagger-initializer.js");

		Answer bundle = anonymous.get("/swagger-ui/swagger-ui-bundle.js");
		assertThat(bundle.status()).isEqualTo(200);
		assertThat(bundle.bytes().length).isGreaterThan(100_000);

		Answer initializer = anonymous.get("/swagger-ui/swagger-initializer.js");
		assertThat(initializer.status()).isEqualTo(200);
		assertThat(initializer.text()).contains("/v3/api-docs/swagger-config");

		Answer config = anonymous.get("/v3/api-docs/swagger-config");
		assertThat(config.status()).isEqualTo(200);
		assertThat(config.json().at("/url").asString()).isEqualTo("/v3/api-docs");
	}
}
