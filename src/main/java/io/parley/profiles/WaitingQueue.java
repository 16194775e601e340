package io.parley.profiles;

import java.util.Objects;
import java.util.UUID;

import io.parley.shared.Violations;
import io.parley.profiles.ChatProfileDraft.WaitingQueueInput;

/**
 * The V2 screen a customer sees while waiting for an agent, with its own colours, optional logo and hero image, and
 * whether the queue position and an estimated wait are shown. Absent values default to enabled, white background,
 * {@code #111111} text, position and estimate shown.
 */
public record WaitingQueue(boolean enabled, String message, Color backgroundColor, Color textColor, UUID logoAssetId,
		UUID heroImageAssetId, boolean showPosition, boolean showEstimatedWait) {

	public static final int MESSAGE_MAX = 1000;
	static final Color DEFAULT_BACKGROUND = Color.of("#FFFFFF");
	static final Color DEFAULT_TEXT = Color.of("#111111");

	public WaitingQueue {
		Objects.requireNonNull(backgroundColor, "backgroundColor");
		Objects.requireNonNull(textColor, "textColor");
		Violations violations = new Violations();
		violations.optionalText("message", message, MESSAGE_MAX);
		violations.throwIfAny();
	}

	static WaitingQueue parse(Violations violations, String prefix, WaitingQueueInput in) {
		int before = violations.list().size();
		violations.optionalText(prefix + "message", in.message(), MESSAGE_MAX);
		Color background = Color.parse(violations, prefix + "backgroundColor", in.backgroundColor(), DEFAULT_BACKGROUND);
		Color text = Color.parse(violations, prefix + "textColor", in.textColor(), DEFAULT_TEXT);
		if (violations.list().size() > before) {
			return null;
		}
		return new WaitingQueue(in.enabled() == null || in.enabled(), in.message(), background, text, in.logoAssetId(),
				in.heroImageAssetId(), in.showPosition() == null || in.showPosition(),
				in.showEstimatedWait() == null || in.showEstimatedWait());
	}
}
