package io.parley.widget;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.parley.assets.Assets;
import io.parley.contactpoints.ChatProfileAssigned;
import io.parley.contactpoints.ChatProfileUnassigned;
import io.parley.contactpoints.AllowedOrigins;
import io.parley.contactpoints.PointOfContact;
import io.parley.contactpoints.PointOfContactCatalog;
import io.parley.contactpoints.PointOfContactCreated;
import io.parley.contactpoints.PointOfContactDeleted;
import io.parley.contactpoints.PointOfContactUpdated;
import io.parley.profiles.Appearance;
import io.parley.profiles.ChatProfile;
import io.parley.profiles.ChatProfileCatalog;
import io.parley.profiles.ChatProfileDeleted;
import io.parley.profiles.ChatProfileUpdated;
import io.parley.profiles.WaitingQueue;
import io.parley.routing.Routing;

import tools.jackson.databind.json.JsonMapper;

/**
 * Resolves and caches the widget configuration of each point of contact. The serialized JSON and its ETag are kept
 * in memory until a change to the point of contact or its profile is committed; whether an agent of the skill is AVAILABLE
 * is looked up separately and cached for a few seconds, since presence changes without any profile event.
 */
@Service
public class WidgetConfigs {

	/** A resolved point of contact: what the origin check needs and the two possible answers. */
	record Resolved(UUID pointOfContactId, UUID tenantId, UUID profileId, String skill,
			AllowedOrigins allowedOrigins, Body available, Body unavailable) {

		/** Whether a browser page of {@code origin} may use this point of contact, as contactpoints' policy says. */
		boolean allows(String origin) {
			return allowedOrigins.allows(origin);
		}
	}

	/** A serialized answer and its strong ETag. */
	record Body(byte[] json, String etag) {
	}

	private record Key(UUID pointOfContactId, String baseUrl) {
	}

	private record SkillKey(UUID tenantId, String skill) {
	}

	private final PointOfContactCatalog pointsOfContact;
	private final ChatProfileCatalog profiles;
	private final Routing routing;
	private final JsonMapper json = JsonMapper.builder().build();
	private final Cache<Key, Optional<Resolved>> configs = Caffeine.newBuilder().maximumSize(50_000).build();
	private final Cache<SkillKey, Boolean> availability = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofSeconds(5))
		.build();

	WidgetConfigs(PointOfContactCatalog pointsOfContact, ChatProfileCatalog profiles, Routing routing) {
		this.pointsOfContact = pointsOfContact;
		this.profiles = profiles;
		this.routing = routing;
	}

	/** The active point of contact {@code id} with image URLs under {@code baseUrl}; empty when unknown or inactive. */
	Optional<Resolved> resolve(UUID id, String baseUrl) {
		return configs.get(new Key(id, baseUrl), key -> load(id, baseUrl));
	}

	/** The answer to send now, with or without available agents. */
	Body answer(Resolved resolved) {
		boolean available = availability.get(new SkillKey(resolved.tenantId(), resolved.skill()),
				key -> routing.anyAgentAvailable(key.tenantId(), key.skill()));
		return available ? resolved.available() : resolved.unavailable();
	}

	private Optional<Resolved> load(UUID id, String baseUrl) {
		Optional<PointOfContact> found = pointsOfContact.find(id).filter(PointOfContact::active);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		PointOfContact poc = found.get();
		ChatProfile profile = poc.chatProfileId() == null ? null
				: profiles.find(poc.tenantId(), poc.chatProfileId()).orElse(null);
		return Optional.of(new Resolved(poc.id(), poc.tenantId(), profile == null ? null : profile.id(), poc.skill(),
				poc.originPolicy(), body(config(poc, profile, baseUrl, true)), body(config(poc, profile, baseUrl, false))));
	}

	/**
	 * What customers would get from {@code profile} on a point of contact not yet known: the console's live preview
	 * of unsaved settings uses it, so the preview is styled by exactly what the widget would serve.
	 */
	public static WidgetConfig preview(ChatProfile profile, String baseUrl) {
		return new WidgetConfig(null, profile.interfaceVersion().name(), profile.appearance(),
				url(baseUrl, profile.logoAssetId()), profile.preChatForm(),
				waitingQueue(profile.waitingQueue(), baseUrl), true);
	}

	static WidgetConfig config(PointOfContact poc, ChatProfile profile, String baseUrl, boolean agentsAvailable) {
		if (profile == null) {
			return new WidgetConfig(poc.id(), "V1", Appearance.DEFAULT, null, null, null, agentsAvailable);
		}
		return new WidgetConfig(poc.id(), profile.interfaceVersion().name(), profile.appearance(),
				url(baseUrl, profile.logoAssetId()), profile.preChatForm(),
				waitingQueue(profile.waitingQueue(), baseUrl), agentsAvailable);
	}

	private static WidgetConfig.WaitingQueue waitingQueue(WaitingQueue queue, String baseUrl) {
		if (queue == null) {
			return null;
		}
		return new WidgetConfig.WaitingQueue(queue.enabled(), queue.message(), queue.backgroundColor().hex(),
				queue.textColor().hex(), url(baseUrl, queue.logoAssetId()), url(baseUrl, queue.heroImageAssetId()),
				queue.showPosition(), queue.showEstimatedWait());
	}

	private static String url(String baseUrl, UUID assetId) {
		return assetId == null ? null : baseUrl + Assets.path(assetId);
	}

	private Body body(WidgetConfig config) {
		byte[] bytes = json.writeValueAsBytes(config);
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
			return new Body(bytes, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	// Invalidation runs after commit: dropping an entry before commit would let a concurrent request cache the old
	// state again. Other nodes learn of changes through the cluster module (a later step); until then each node's
	// entries are only dropped by its own writes.

	@TransactionalEventListener
	void on(PointOfContactCreated event) {
		forget(event.pointOfContactId());
	}

	@TransactionalEventListener
	void on(PointOfContactUpdated event) {
		forget(event.pointOfContactId());
	}

	@TransactionalEventListener
	void on(PointOfContactDeleted event) {
		forget(event.pointOfContactId());
	}

	@TransactionalEventListener
	void on(ChatProfileAssigned event) {
		forget(event.pointOfContactId());
	}

	@TransactionalEventListener
	void on(ChatProfileUnassigned event) {
		forget(event.pointOfContactId());
	}

	@TransactionalEventListener
	void on(ChatProfileUpdated event) {
		forgetProfile(event.profileId());
	}

	@TransactionalEventListener
	void on(ChatProfileDeleted event) {
		forgetProfile(event.profileId());
	}

	private void forget(UUID pointOfContactId) {
		configs.asMap().keySet().removeIf(key -> key.pointOfContactId().equals(pointOfContactId));
	}

	private void forgetProfile(UUID profileId) {
		configs.asMap().entrySet().removeIf(e -> e.getValue().map(r -> profileId.equals(r.profileId())).orElse(false));
	}
}
