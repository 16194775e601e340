package io.parley.profiles;

import java.util.Objects;
import java.util.SortedMap;

import io.parley.shared.Violations;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How the chat window and the Live Chat button look. A value left out when a profile is written takes its default
 * from {@link #DEFAULT}: primary and top bar {@code #0B5FFF} with {@code #FFFFFF} text, agent bubbles {@code #F1F3F5}
 * with {@code #111111} text, font {@code system-ui}, size {@code REGULAR}, title "Chat with us", welcome "Hi! How can
 * we help?", button "Live Chat" at {@code BOTTOM_RIGHT}, 20 pixels from both edges of its corner.
 */
public record Appearance(Color primaryColor, Color primaryTextColor, Color agentBubbleColor, Color agentBubbleTextColor,
		Color topBarColor, Color topBarTextColor, FontFamily fontFamily, FontSize fontSize, String headerTitle,
		String welcomeMessage, String buttonLabel, ButtonPosition buttonPosition, ButtonOffset buttonOffset) {

	public static final int HEADER_TITLE_MAX = 100;
	public static final int BUTTON_OFFSET_MAX = 200;
	public static final int WELCOME_MESSAGE_MAX = 1000;
	public static final int BUTTON_LABEL_MAX = 40;

	public static final Appearance DEFAULT = new Appearance(Color.of("#0B5FFF"), Color.of("#FFFFFF"),
			Color.of("#F1F3F5"), Color.of("#111111"), Color.of("#0B5FFF"), Color.of("#FFFFFF"),
			FontFamily.of("system-ui"), FontSize.REGULAR, "Chat with us", "Hi! How can we help?", "Live Chat",
			ButtonPosition.BOTTOM_RIGHT, new ButtonOffset(20, 20));

	/**
	 * How far the Live Chat button (and the chat window above it) sits from the two edges of its corner, in whole
	 * pixels from 0 to {@value #BUTTON_OFFSET_MAX}: host pages often have a cookie banner or another button there.
	 */
	public record ButtonOffset(Integer x, Integer y) {
	}

	public Appearance {
		Objects.requireNonNull(primaryColor, "primaryColor");
		Objects.requireNonNull(primaryTextColor, "primaryTextColor");
		Objects.requireNonNull(agentBubbleColor, "agentBubbleColor");
		Objects.requireNonNull(agentBubbleTextColor, "agentBubbleTextColor");
		Objects.requireNonNull(topBarColor, "topBarColor");
		Objects.requireNonNull(topBarTextColor, "topBarTextColor");
		Objects.requireNonNull(fontFamily, "fontFamily");
		Objects.requireNonNull(fontSize, "fontSize");
		Objects.requireNonNull(buttonPosition, "buttonPosition");
		Objects.requireNonNull(buttonOffset, "buttonOffset");
		Violations violations = new Violations();
		checkTexts(violations, "", headerTitle, welcomeMessage, buttonLabel);
		checkOffset(violations, "buttonOffset.", buttonOffset);
		violations.throwIfAny();
	}

	/**
	 * The appearance as a client sends it, unchecked: every value may be absent (then {@link #DEFAULT}'s applies).
	 * Its components are named like {@link Appearance}'s, so the JSON, the console's inputs and the audit paths of
	 * both are the same.
	 */
	@Schema(name = "AppearanceInput")
	public record Input(String primaryColor, String primaryTextColor, String agentBubbleColor,
			String agentBubbleTextColor, String topBarColor, String topBarTextColor, String fontFamily,
			FontSize fontSize, String headerTitle, String welcomeMessage, String buttonLabel,
			ButtonPosition buttonPosition, ButtonOffset buttonOffset) {

		static final Input NONE = new Input(null, null, null, null, null, null, null, null, null, null, null, null,
				null);
	}

	/** Every value by its path below {@code appearance.}, as text: what the console's inputs show. */
	public SortedMap<String, String> texts() {
		return ProfileJson.fields(this, Input.class);
	}

	/** The appearance {@code input} asks for, defaults filled in; null when a violation was added under {@code prefix}. */
	static Appearance parse(Violations violations, String prefix, Input input) {
		Input in = input == null ? Input.NONE : input;
		Appearance d = DEFAULT;
		int before = violations.list().size();
		Color primary = Color.parse(violations, prefix + "primaryColor", in.primaryColor(), d.primaryColor);
		Color primaryText = Color.parse(violations, prefix + "primaryTextColor", in.primaryTextColor(), d.primaryTextColor);
		Color bubble = Color.parse(violations, prefix + "agentBubbleColor", in.agentBubbleColor(), d.agentBubbleColor);
		Color bubbleText = Color.parse(violations, prefix + "agentBubbleTextColor", in.agentBubbleTextColor(),
				d.agentBubbleTextColor);
		Color topBar = Color.parse(violations, prefix + "topBarColor", in.topBarColor(), d.topBarColor);
		Color topBarText = Color.parse(violations, prefix + "topBarTextColor", in.topBarTextColor(), d.topBarTextColor);
		FontFamily font = FontFamily.parse(violations, prefix + "fontFamily", in.fontFamily(), d.fontFamily);
		String headerTitle = in.headerTitle() == null ? d.headerTitle : in.headerTitle();
		String welcome = in.welcomeMessage() == null ? d.welcomeMessage : in.welcomeMessage();
		String buttonLabel = in.buttonLabel() == null ? d.buttonLabel : in.buttonLabel();
		checkTexts(violations, prefix, headerTitle, welcome, buttonLabel);
		ButtonOffset offset = in.buttonOffset() == null ? d.buttonOffset : new ButtonOffset(
				in.buttonOffset().x() == null ? d.buttonOffset.x() : in.buttonOffset().x(),
				in.buttonOffset().y() == null ? d.buttonOffset.y() : in.buttonOffset().y());
		checkOffset(violations, prefix + "buttonOffset.", offset);
		if (violations.list().size() > before) {
			return null;
		}
		return new Appearance(primary, primaryText, bubble, bubbleText, topBar, topBarText, font,
				in.fontSize() == null ? d.fontSize : in.fontSize(), headerTitle, welcome, buttonLabel,
				in.buttonPosition() == null ? d.buttonPosition : in.buttonPosition(), offset);
	}

	private static void checkOffset(Violations violations, String prefix, ButtonOffset offset) {
		for (String axis : new String[] { "x", "y" }) {
			Integer pixels = axis.equals("x") ? offset.x() : offset.y();
			if (pixels == null || pixels < 0 || pixels > BUTTON_OFFSET_MAX) {
				violations.add(prefix + axis, "must be a whole number of pixels from 0 to " + BUTTON_OFFSET_MAX);
			}
		}
	}

	private static void checkTexts(Violations violations, String prefix, String headerTitle, String welcomeMessage,
			String buttonLabel) {
		violations.text(prefix + "headerTitle", headerTitle, 0, HEADER_TITLE_MAX);
		violations.text(prefix + "welcomeMessage", welcomeMessage, 0, WELCOME_MESSAGE_MAX);
		violations.text(prefix + "buttonLabel", buttonLabel, 1, BUTTON_LABEL_MAX);
		if (headerTitle == null) {
			violations.add(prefix + "headerTitle", "is required");
		}
		if (welcomeMessage == null) {
			violations.add(prefix + "welcomeMessage", "is required");
		}
	}
}
