package io.parley.chat;

import java.sql.Timestamp;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.parley.database.LongRunning;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Keeps agents' feeds to {@code parley.chat.agent-feed-retention}: every few minutes, events older than that are
 * deleted, a batch at a time so that no statement holds many rows. The feed only serves resuming clients; chats,
 * their event logs and transcripts are not touched, and the feed heads stay, so cursors keep counting on. One node at
 * a time prunes (running on several at once would do no harm, only the same work twice).
 */
@Component
class AgentFeedPruning {

	private static final Logger log = LoggerFactory.getLogger(AgentFeedPruning.class);
	static final int BATCH = 10_000;

	private final JdbcClient jdbc;
	private final ChatProperties properties;

	AgentFeedPruning(JdbcClient jdbc, ChatProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "#{@chatSchedule.feedPruneMillis()}",
			fixedDelayString = "#{@chatSchedule.feedPruneMillis()}")
	@SchedulerLock(name = "chat.agent-feed-pruning", lockAtMostFor = "PT30M")
	void scheduled() {
		try {
			// A large backlog takes a while to delete: no database timeout.
			LongRunning.run(() -> prune(Chat.now().minus(properties.agentFeedRetention())));
		}
		catch (RuntimeException e) {
			log.warn("Could not prune agents' feeds; trying again later", e);
		}
	}

	/** Deletes the feed events from before {@code cutoff}; answers how many. */
	long prune(Instant cutoff) {
		long total = 0;
		while (true) {
			int deleted = jdbc.sql("delete from agent_feed where (agent_id, seq) in (select agent_id, seq from agent_feed"
					+ " where at < ? limit ?)")
				.params(Timestamp.from(cutoff), BATCH)
				.update();
			total += deleted;
			if (deleted < BATCH) {
				return total;
			}
		}
	}
}
