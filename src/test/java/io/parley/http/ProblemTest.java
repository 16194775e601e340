package io.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletResponse;

import tools.jackson.databind.json.JsonMapper;
import io.parley.shared.FieldViolation;

/** The problem builder writes the bodies that were written by hand before (the literals below are those bodies). */
class ProblemTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void writesTheBusyAnswerAsBefore() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "Service busy",
				"Parley is handling as many requests as it can right now. Please try again in a second.").type("busy")
			.writeTo(response);
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(JSON.readTree(response.getContentAsByteArray())).isEqualTo(JSON.readTree(
				"{\"type\":\"https://parley.io/problems/busy\",\"title\":\"Service busy\",\"status\":503,\"detail\":"
						+ "\"Parley is handling as many requests as it can right now. Please try again in a second.\"}"));
	}

	@Test
	void derivesTheTypeFromTheTitleAndListsTheFieldsAtFault() {
		byte[] json = Problem.of(HttpStatus.BAD_REQUEST, "Invalid input", "q is not valid text.")
			.errors(List.of(new FieldViolation("q", "is not valid text"))).json();
		assertThat(JSON.readTree(json)).isEqualTo(JSON.readTree("{\"type\":\"https://parley.io/problems/invalid-input\","
				+ "\"title\":\"Invalid input\",\"status\":400,\"detail\":\"q is not valid text.\","
				+ "\"errors\":[{\"field\":\"q\",\"message\":\"is not valid text\"}]}"));
		assertThat(Problem.of(HttpStatus.NOT_FOUND, "Not Found", "No such chat.").detail().getType().toString())
			.isEqualTo("https://parley.io/problems/not-found");
	}

	@Test
	void escapesWhatAHandWrittenBodyWouldHaveBroken() {
		byte[] json = Problem.of(HttpStatus.BAD_REQUEST, "Invalid input", "say \"hi\"\n").json();
		assertThat(JSON.readTree(json).at("/detail").asString()).isEqualTo("say \"hi\"\n");
	}
}
