package io.parley.chat;

import static io.parley.chat.ChatTestKit.eventually;
import static io.parley.chat.ChatTestKit.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import io.parley.IntegrationTest;
import io.parley.TestSocket;
import io.parley.accounts.TestTenants;
import io.parley.chat.ChatTestKit.Agent;
import io.parley.chat.ChatTestKit.AgentFeed;
import io.parley.chat.ChatTestKit.Customer;
import io.parley.chat.ChatTestKit.CustomerFeed;
import io.parley.routing.Routing;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import tools.jackson.databind.JsonNode;

/**
 * Agent presence follows the agent's connections: an agent whose feed socket closed, or whose long polls stopped, is
 * set Away by the system after the disconnect grace and takes no new chats; after the abandon grace their chats go
 * back to the front of their queue, the customer is told, and the next available agent continues them. An agent who
 * comes back in time keeps their chats. The graces are short here (2 s and 5 s) so that the tests wait little.
 */
@IntegrationTest
@TestPropertySource(properties = { "parley.routing.agent-disconnect-grace=2s",
		"parley.routing.agent-abandon-grace=5s" })
class AgentPresenceIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	Routing routing;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LockProvider locks;

	@Autowired
	WebApplicationContext context;

	@Autowired
	UserDetailsService userDetails;

	MockMvc mvc;

	ChatTestKit kit;

	@BeforeEach
	void newTenant() {
		kit = ChatTestKit.newTenant(port, tenants);
		mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	@Test
	void setsAnAgentWhoseSocketClosedAwayAndGivesTheirChatsToTheNextAgentFromTheFrontOfTheQueue() {
		String skill = kit.skill("gone");
		String poc = kit.pointOfContact(skill);
		Agent ann = kit.agent("ann", 3, skill);
		ann.status("AVAILABLE");
		TestSocket socket = kit.feedSocket(ann);
		Customer first = kit.start(poc);
		socket.await(assigned(first), "the first chat assigned to ann");
		Customer second = kit.start(poc);
		socket.await(assigned(second), "the second chat assigned to ann");
		assertThat(first.say("c1", "My parcel is lost").status()).isEqualTo(201);
		assertThat(ann.say(first.chatId(), "a1", "Let me look").status()).isEqualTo(201);
		socket.close();

		JsonNode away = eventually(() -> status(ann), s -> s.at("/status").asString().equals("AWAY"),
				"ann set Away after her socket closed");
		assertThat(away.at("/awayReason").asString()).isEqualTo("DISCONNECTED");
		assertThat(away.at("/activeChats").asInt()).as("her chats stay with her until the abandon grace").isEqualTo(2);
		Customer third = kit.start(poc);
		assertThat(routing.assignWaiting(tenantOf(poc), skill)).as("an agent set away gets no new chats").isZero();
		assertThat(third.status().at("/state").asString()).isEqualTo("QUEUED");

		CustomerFeed firstFeed = first.feed();
		JsonNode notice = firstFeed.await(systemMessage(), "the system's message to the customer");
		assertThat(notice.at("/text").asString()).contains("disconnected").contains("queue");
		JsonNode queued = firstFeed.await(e -> e.at("/type").asString().equals("STATE")
				&& e.at("/state").asString().equals("QUEUED"), "the chat back in the queue");
		assertThat(queued.at("/queuePosition").asInt()).as("back at the front").isEqualTo(1);
		assertThat(queued.at("/agentName").isNull()).isTrue();
		assertThat(first.status().at("/state").asString()).isEqualTo("QUEUED");
		eventually(second::status, s -> s.at("/state").asString().equals("QUEUED") && s.at("/queuePosition").asInt() == 2,
				"the second chat second in the queue");
		eventually(third::status, s -> s.at("/queuePosition").asInt() == 3, "the new chat behind both");
		JsonNode gone = status(ann);
		assertThat(gone.at("/status").asString()).isEqualTo("AWAY");
		assertThat(gone.at("/activeChats").asInt()).as("her places are free").isZero();
		assertThat(ann.say(first.chatId(), "a2", "Still there?").status()).as("the chat is no longer hers").isEqualTo(404);
		AgentFeed annFeed = ann.feed();
		JsonNode unassigned = annFeed.await(type("UNASSIGNED"), "the chat taken from ann");
		assertThat(List.of(first.chatId(), second.chatId())).contains(unassigned.at("/chatId").asString());

		Agent bob = kit.agent("bob", 1, skill);
		AgentFeed bobFeed = bob.feed();
		bob.status("AVAILABLE");
		bobFeed.assigned(first.chatId());
		assertThat(bobFeed.await(e -> "Let me look".equals(e.at("/text").asString()), "what ann wrote")
			.at("/from").asString()).isEqualTo("AGENT");
		JsonNode active = firstFeed.await(e -> e.at("/type").asString().equals("STATE")
				&& e.at("/state").asString().equals("ACTIVE"), "the chat continued by bob");
		assertThat(active.at("/agentName").asString()).isEqualTo("bob Agent");
		assertThat(bob.say(first.chatId(), "b1", "I am Bob, I will help you").status()).isEqualTo(201);
		eventually(second::status, s -> s.at("/queuePosition").asInt() == 1,
				"the second chat first in the queue once bob took the first");

		JsonNode transcript = kit.admin.get("/api/v1/chats/" + first.chatId() + "/transcript").json();
		assertThat(transcript.at("/messages").valueStream().map(m -> m.at("/from").asString()).toList())
			.containsExactly("CUSTOMER", "AGENT", "SYSTEM", "AGENT");
	}

	@Test
	void anAgentWhoComesBackInTimeKeepsTheirChats() throws Exception {
		Agent ann = kit.agent("ann", 2, kit.skill("ann"));
		Agent dee = kit.agent("dee", 2, kit.skill("dee"));
		Agent cy = kit.agent("cy", 2, kit.skill("cy"));
		Customer annCustomer = connectedWithAChat(ann, kit.skill("ann"));
		Customer deeCustomer = connectedWithAChat(dee, kit.skill("dee"));
		Customer cyCustomer = connectedWithAChat(cy, kit.skill("cy"));
		sockets.values().forEach(TestSocket::abort);

		// ann is back at once: still available
		TestSocket annAgain = kit.feedSocket(ann);
		// dee is back after the system set her away, before the abandon grace: away until she chooses, chats kept
		eventually(() -> status(dee), s -> s.at("/status").asString().equals("AWAY"), "dee set Away");
		TestSocket deeAgain = kit.feedSocket(dee);
		// cy does not come back: once his chat is requeued, the others' would have been too
		cyCustomer.feed().await(systemMessage(), "cy's chat requeued");

		JsonNode annStatus = status(ann);
		assertThat(annStatus.at("/status").asString()).isEqualTo("AVAILABLE");
		assertThat(annStatus.at("/awayReason").isNull()).isTrue();
		assertThat(annStatus.at("/activeChats").asInt()).isEqualTo(1);
		assertThat(annCustomer.status().at("/state").asString()).isEqualTo("ACTIVE");
		assertThat(ann.say(annCustomer.chatId(), "a1", "Sorry, my network dropped").status()).isEqualTo(201);

		JsonNode deeStatus = status(dee);
		assertThat(deeStatus.at("/status").asString()).isEqualTo("AWAY");
		assertThat(deeStatus.at("/awayReason").asString()).isEqualTo("DISCONNECTED");
		assertThat(deeStatus.at("/activeChats").asInt()).isEqualTo(1);
		assertThat(deeCustomer.status().at("/state").asString()).isEqualTo("ACTIVE");
		assertThat(dee.say(deeCustomer.chatId(), "d1", "I am back").status()).isEqualTo(201);
		JsonNode available = dee.status("AVAILABLE");
		assertThat(available.at("/status").asString()).isEqualTo("AVAILABLE");
		assertThat(available.at("/awayReason").isNull()).isTrue();

		for (Customer kept : List.of(annCustomer, deeCustomer)) {
			assertThat(kept.events(0, 0)).noneMatch(systemMessage());
		}
		assertThat(cyCustomer.status().at("/state").asString()).isEqualTo("QUEUED");

		// what an admin sees in the console's users list
		String users = mvc.perform(get("/console/users").with(user(userDetails.loadUserByUsername(kit.adminUsername))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(presenceShown(users, ann)).isEqualTo("Available");
		assertThat(presenceShown(users, dee)).isEqualTo("Available");
		assertThat(presenceShown(users, cy)).isEqualTo("Away — disconnected");
		// and cy, when he opens his console again
		String console = mvc.perform(get("/console/agent").with(user(userDetails.loadUserByUsername(cy.username()))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(console).containsPattern("<p [^>]*data-away-disconnected>\\s*Parley set you Away");
		annAgain.close();
		deeAgain.close();
	}

	@Test
	void anAgentOnLongPollIsNotSetAwayBetweenPolls() {
		String pollerSkill = kit.skill("poller");
		String quitterSkill = kit.skill("quitter");
		Agent poller = kit.agent("pat", 1, pollerSkill);
		Agent quitter = kit.agent("quinn", 1, quitterSkill);
		AgentFeed pollerFeed = poller.feed();
		AgentFeed quitterFeed = quitter.feed();
		poller.status("AVAILABLE");
		quitter.status("AVAILABLE");
		Customer pollerCustomer = kit.start(kit.pointOfContact(pollerSkill));
		Customer quitterCustomer = kit.start(kit.pointOfContact(quitterSkill));
		pollerFeed.assigned(pollerCustomer.chatId());
		quitterFeed.assigned(quitterCustomer.chatId());

		// the poller polls on as a client does, one short poll after the other; the quitter stops
		long deadline = System.nanoTime() + ChatTestKit.PATIENCE.toNanos();
		while (!quitterCustomer.status().at("/state").asString().equals("QUEUED")) {
			assertThat(System.nanoTime()).as("the quitter's chat requeued in time").isLessThan(deadline);
			pollerFeed.poll(1);
		}
		assertThat(status(quitter).at("/awayReason").asString()).isEqualTo("DISCONNECTED");
		JsonNode pollerStatus = status(poller);
		assertThat(pollerStatus.at("/status").asString()).isEqualTo("AVAILABLE");
		assertThat(pollerStatus.at("/activeChats").asInt()).isEqualTo(1);
		assertThat(pollerCustomer.status().at("/state").asString()).isEqualTo("ACTIVE");
		assertThat(pollerFeed.seen).noneMatch(type("UNASSIGNED"));
	}

	@Test
	void thePresenceCheckRunsUnderALockInTheDatabaseThatAllNodesShare() {
		List<String> locks = eventually(() -> jdbc.sql("select name, locked_by from shedlock")
			.query((rs, n) -> rs.getString("name") + " by " + rs.getString("locked_by"))
			.list(), rows -> rows.stream().anyMatch(row -> row.startsWith("routing.agent-presence by ")),
				"the presence check's lock row");
		assertThat(locks).filteredOn(row -> row.startsWith("routing.agent-presence by ")).hasSize(1)
			.allMatch(row -> row.length() > "routing.agent-presence by ".length());
	}

	@Test
	void checksRacingOnSeveralNodesRequeueEachChatOnceAndALockHeldByAnotherNodeHoldsTheCheckBack() throws Exception {
		// another node holds the check's lock (taken between two of this node's runs)
		SimpleLock held = eventually(() -> locks.lock(new LockConfiguration(Instant.now(), "routing.agent-presence",
				Duration.ofMinutes(1), Duration.ZERO)), Optional::isPresent, "the check's lock taken").orElseThrow();
		String skill = kit.skill("race");
		String poc = kit.pointOfContact(skill);
		Agent ann = kit.agent("ann", 6, skill);
		List<Customer> customers = new ArrayList<>();
		try {
			ann.status("AVAILABLE");
			for (int i = 0; i < 6; i++) {
				customers.add(kit.start(poc));
			}
			for (Customer customer : customers) {
				eventually(customer::status, s -> s.at("/state").asString().equals("ACTIVE"), "the chat given to ann");
			}
			// ann's last connection was long ago; this node's check, every 200 ms here, must leave her alone meanwhile
			jdbc.sql("update agent_connection set seen_at = now() - interval '10 minutes' where agent_id = ?::uuid")
				.param(ann.id())
				.update();
			Thread.sleep(2000);
			assertThat(status(ann).at("/status").asString()).as("no check while another node holds the lock")
				.isEqualTo("AVAILABLE");

			// several nodes whose locks failed them check at the same moment
			int checkers = 4;
			CyclicBarrier start = new CyclicBarrier(checkers);
			ExecutorService pool = Executors.newFixedThreadPool(checkers);
			List<Future<Integer>> runs = new ArrayList<>();
			for (int i = 0; i < checkers; i++) {
				runs.add(pool.submit(() -> {
					start.await();
					return routing.checkAgentPresence();
				}));
			}
			int requeued = 0;
			for (Future<Integer> run : runs) {
				requeued += run.get(60, TimeUnit.SECONDS);
			}
			pool.shutdown();
			// the checkers act for the whole database: chats that earlier tests left behind may be among theirs
			assertThat(requeued).as("chats requeued by all checkers together").isGreaterThanOrEqualTo(6);
		}
		finally {
			held.unlock();
		}

		JsonNode gone = status(ann);
		assertThat(gone.at("/status").asString()).isEqualTo("AWAY");
		assertThat(gone.at("/awayReason").asString()).isEqualTo("DISCONNECTED");
		assertThat(gone.at("/activeChats").asInt()).isZero();
		for (int i = 0; i < customers.size(); i++) {
			Customer customer = customers.get(i);
			assertThat(customer.events(0, 0)).as("one system message each").filteredOn(systemMessage()).hasSize(1);
			assertThat(customer.status().at("/queuePosition").asInt()).as("in their first order").isEqualTo(i + 1);
		}
		List<JsonNode> taken = new ArrayList<>();
		ann.feed().poll(0).stream().filter(type("UNASSIGNED")).forEach(taken::add);
		assertThat(taken).extracting(e -> e.at("/chatId").asString())
			.containsExactlyInAnyOrderElementsOf(customers.stream().map(Customer::chatId).toList());
	}

	private final Map<String, TestSocket> sockets = new java.util.LinkedHashMap<>();

	/** The agent available with their feed socket open, and a chat of {@code skill} assigned to them. */
	private Customer connectedWithAChat(Agent agent, String skill) {
		agent.status("AVAILABLE");
		TestSocket socket = kit.feedSocket(agent);
		sockets.put(agent.username(), socket);
		Customer customer = kit.start(kit.pointOfContact(skill));
		socket.await(assigned(customer), "the chat assigned to " + agent.username());
		return customer;
	}

	/** The presence badge of the agent's row in the console's users list. */
	private static String presenceShown(String page, Agent agent) {
		Matcher row = Pattern.compile("<tr>(?:(?!</tr>).)*?<code>" + Pattern.quote(agent.username())
				+ "</code>(?:(?!</tr>).)*?data-presence[^>]*>([^<]*)<", Pattern.DOTALL).matcher(page);
		assertThat(row.find()).as("a row with a presence for " + agent.username()).isTrue();
		return row.group(1).trim();
	}

	private static JsonNode status(Agent agent) {
		return agent.api().get("/api/v1/agent/status").json();
	}

	private static Predicate<JsonNode> assigned(Customer customer) {
		return e -> e.at("/type").asString().equals("ASSIGNED") && e.at("/chatId").asString().equals(customer.chatId());
	}

	private static Predicate<JsonNode> systemMessage() {
		return e -> e.at("/type").asString().equals("MESSAGE") && e.at("/from").asString().equals("SYSTEM");
	}

	private UUID tenantOf(String pocId) {
		return jdbc.sql("select tenant_id from point_of_contact where id = ?::uuid").param(pocId).query(UUID.class).single();
	}
}
