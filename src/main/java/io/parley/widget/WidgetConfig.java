package io.parley.widget;

import java.util.UUID;

import io.parley.profiles.Appearance;
import io.parley.profiles.PreChatForm;

/**
 * The configuration a customer's browser gets for a point of contact: public fields only (no names, descriptions,
 * tenant or asset ids), with absolute image URLs. The appearance and the pre-chat form are the profile's own records,
 * so a new setting there reaches the widget without a copy here.
 */
public record WidgetConfig(UUID pointOfContactId, String interfaceVersion, Appearance appearance, String logoUrl,
		PreChatForm preChatForm, WaitingQueue waitingQueue, boolean agentsAvailable) {

	/** The V2 screen shown while waiting for an agent. */
	public record WaitingQueue(boolean enabled, String message, String backgroundColor, String textColor,
			String logoUrl, String heroImageUrl, boolean showPosition, boolean showEstimatedWait) {
	}
}
