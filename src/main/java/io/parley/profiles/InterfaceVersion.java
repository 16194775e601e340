package io.parley.profiles;

/**
 * Which Customer Chat Interface a profile styles: V1 may have a header logo, V2 a pre-chat form and a waiting queue
 * screen. The profile module owns this rule; the console and the chat ask it here.
 */
public enum InterfaceVersion {

	V1, V2;

	/** Whether the chat window of this version shows a logo in its header. */
	public boolean hasLogo() {
		return this == V1;
	}

	/** Whether customers of this version can be asked questions before the chat starts. */
	public boolean hasPreChatForm() {
		return this == V2;
	}

	/** Whether customers of this version can see the waiting queue screen. */
	public boolean hasWaitingQueue() {
		return this == V2;
	}
}
