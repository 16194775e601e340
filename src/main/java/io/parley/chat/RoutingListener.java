package io.parley.chat;

import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.parley.routing.ChatAssigned;
import io.parley.routing.ChatRequeued;
import io.parley.routing.QueueChanged;
import io.parley.routing.QueuePosition;
import io.parley.routing.Routing;
import io.parley.routing.WaitEstimate;

/**
 * What routing's decisions mean for chats: an assignment makes the chat active and fills the agent's feed, in the
 * assigning transaction; a requeue makes it wait again and tells the customer, in the requeueing transaction; a queue
 * change tells each waiting customer whose position or estimate moved.
 */
@Component
class RoutingListener {

	private static final Logger log = LoggerFactory.getLogger(RoutingListener.class);

	private final Chats chats;
	private final Routing routing;
	private final TransactionTemplate newTransaction;

	RoutingListener(Chats chats, Routing routing, PlatformTransactionManager transactions) {
		this.chats = chats;
		this.routing = routing;
		this.newTransaction = new TransactionTemplate(transactions);
		this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Runs inside the assigning transaction, so the chat becomes active exactly when routing's assignment commits.
	 * The agent's feed gets ASSIGNED, then what the customer wrote while waiting, then the chat's new state.
	 */
	@EventListener
	void on(ChatAssigned assigned) {
		Chat chat = chats.lock(assigned.chatId())
			.orElseThrow(() -> new IllegalStateException("Routing assigned unknown chat " + assigned.chatId()));
		chat.assign(assigned.agentId(), assigned.agentName(), assigned.assignedAt(), chats.messages(chat.id()));
		chats.save(chat);
	}

	/**
	 * Runs inside the requeueing transaction: the customer gets the system message and the waiting state at the
	 * chat's new position, and the agent it was taken from gets UNASSIGNED in their feed (the chat's later events go
	 * to whoever takes it next).
	 */
	@EventListener
	void on(ChatRequeued requeued) {
		Chat chat = chats.lock(requeued.chatId())
			.orElseThrow(() -> new IllegalStateException("Routing requeued unknown chat " + requeued.chatId()));
		QueuePosition position = routing.position(requeued.tenantId(), chat.id(), chat.skill())
			.orElseThrow(() -> new IllegalStateException("Requeued chat " + chat.id() + " does not wait"));
		chat.requeue(position, requeued.requeuedAt());
		chats.save(chat);
	}

	/**
	 * Runs after routing's changes committed. Positions read in one query pick the chats to update; each is then
	 * updated in its own short transaction with its position read again under the chat's lock, so that of two
	 * updates racing, the later one writes the fresher position.
	 */
	@EventListener
	void on(QueueChanged changed) {
		Map<UUID, Integer> positions = routing.positions(changed.tenantId(), changed.skill());
		if (positions.isEmpty()) {
			return;
		}
		WaitEstimate estimate = routing.waitEstimate(changed.tenantId(), changed.skill());
		Map<UUID, QueuePosition> shown = chats.shownPositions(positions.keySet());
		positions.forEach((chatId, position) -> {
			QueuePosition told = shown.get(chatId);
			if (told == null || told.equals(estimate.at(position))) {
				return;
			}
			try {
				newTransaction.executeWithoutResult(status -> chats.lock(chatId).ifPresent(chat -> routing
					.position(chat.tenantId(), chatId, chat.skill())
					.filter(fresh -> chat.showPosition(fresh, Chat.now()))
					.ifPresent(fresh -> chats.save(chat))));
			}
			catch (RuntimeException e) {
				log.warn("Could not tell chat {} its queue position", chatId, e);
			}
		});
	}
}
