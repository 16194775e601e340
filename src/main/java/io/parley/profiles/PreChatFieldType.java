package io.parley.profiles;

/** The kind of answer a pre-chat form field takes. */
public enum PreChatFieldType {

	TEXT, TEXTAREA, EMAIL, PHONE, NUMBER, DATE, SELECT, CHECKBOX;

	/** Whether a maximum length means anything for answers of this type. */
	public boolean takesMaxLength() {
		return switch (this) {
			case TEXT, TEXTAREA, EMAIL, PHONE, NUMBER -> true;
			case DATE, SELECT, CHECKBOX -> false;
		};
	}
}
