package io.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import jakarta.servlet.http.HttpServlet;

/** Requests beyond the bound are refused at once with a problem and Retry-After; long polls and sockets pass. */
class RequestAdmissionTest {

	private final RequestAdmission admission = new RequestAdmission(2);

	@Test
	void refusesWhatIsBeyondTheBoundAndAdmitsAgainOnceARequestEnds() throws Exception {
		CountDownLatch inside = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		HttpServlet held = new HttpServlet() {
			@Override
			protected void service(jakarta.servlet.http.HttpServletRequest req,
					jakarta.servlet.http.HttpServletResponse resp) {
				inside.countDown();
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				resp.setStatus(201);
			}
		};
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<MockHttpServletResponse> first = threads.submit(() -> run(post("/widget/v1/chats/x/messages"), held));
			Future<MockHttpServletResponse> second = threads.submit(() -> run(post("/api/v1/agent/chats/x/messages"), held));
			assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

			MockHttpServletResponse refused = run(post("/widget/v1/chats/x/messages"), null);
			assertThat(refused.getStatus()).isEqualTo(503);
			assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
			assertThat(refused.getContentType()).isEqualTo("application/problem+json");
			assertThat(refused.getContentAsString()).contains("\"status\":503").contains("try again");

			MockHttpServletRequest longPoll = new MockHttpServletRequest("GET", "/widget/v1/chats/x/events");
			assertThat(run(longPoll, null).getStatus()).isEqualTo(200);
			MockHttpServletRequest socket = new MockHttpServletRequest("GET", "/api/v1/agent/stream");
			socket.addHeader("Upgrade", "websocket");
			assertThat(run(socket, null).getStatus()).isEqualTo(200);

			release.countDown();
			assertThat(first.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(201);
			assertThat(second.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(201);
		}
		assertThat(admission.available()).isEqualTo(2);
		assertThat(run(post("/widget/v1/chats/x/messages"), null).getStatus()).isEqualTo(200);
	}

	@Test
	void aFailingRequestGivesItsPlaceBack() throws Exception {
		HttpServlet failing = new HttpServlet() {
			@Override
			protected void service(jakarta.servlet.http.HttpServletRequest req,
					jakarta.servlet.http.HttpServletResponse resp) {
				throw new IllegalStateException("boom");
			}
		};
		for (int i = 0; i < 5; i++) {
			try {
				run(post("/api/v1/chat-profiles"), failing);
			}
			catch (IllegalStateException expected) {
				// what the servlet threw
			}
		}
		assertThat(admission.available()).isEqualTo(2);
	}

	@Test
	void zeroMeansNoBound() throws Exception {
		RequestAdmission unbounded = new RequestAdmission(0);
		MockHttpServletResponse response = new MockHttpServletResponse();
		unbounded.doFilter(post("/api/v1/chat-profiles"), response, new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(200);
	}

	private static MockHttpServletRequest post(String path) {
		return new MockHttpServletRequest("POST", path);
	}

	private MockHttpServletResponse run(MockHttpServletRequest request, HttpServlet servlet) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		admission.doFilter(request, response, servlet == null ? new MockFilterChain() : new MockFilterChain(servlet));
		return response;
	}
}
