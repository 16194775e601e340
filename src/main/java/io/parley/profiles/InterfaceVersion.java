package io.parley.profiles;

/** Which Customer Chat Interface a profile styles: V1 may have a header logo, V2 a pre-chat form and a waiting queue screen. */
public enum InterfaceVersion {
	V1, V2
}
