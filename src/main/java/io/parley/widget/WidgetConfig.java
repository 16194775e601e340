package io.parley.widget;

import java.util.List;
import java.util.UUID;

/**
 * The configuration a customer's browser gets for a point of contact: public fields only (no names, descriptions,
 * tenant or asset ids), with absolute image URLs.
 */
public record WidgetConfig(UUID pointOfContactId, String interfaceVersion, Appearance appearance, String logoUrl,
		PreChatForm preChatForm, WaitingQueue waitingQueue, boolean agentsAvailable) {

	/** Colours, font, texts and the corner of the Live Chat button. */
	public record Appearance(String primaryColor, String primaryTextColor, String agentBubbleColor,
			String agentBubbleTextColor, String topBarColor, String topBarTextColor, String fontFamily,
			String fontSize, String headerTitle, String welcomeMessage, String buttonLabel, String buttonPosition) {
	}

	/** The questions asked before a V2 chat. */
	public record PreChatForm(boolean enabled, String welcomeMessage, List<Field> fields) {
	}

	/** One pre-chat question. */
	public record Field(String key, String label, String type, boolean required, List<String> options,
			Integer maxLength) {
	}

	/** The V2 screen shown while waiting for an agent. */
	public record WaitingQueue(boolean enabled, String message, String backgroundColor, String textColor,
			String logoUrl, String heroImageUrl, boolean showPosition, boolean showEstimatedWait) {
	}
}
