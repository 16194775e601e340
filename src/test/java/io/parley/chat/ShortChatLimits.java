package io.parley.chat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

import io.parley.IntegrationTest;

/**
 * A test of the whole application ({@link IntegrationTest}) with limits short enough to reach in a test: three chat
 * starts a minute, customers gone after two seconds, and the test client's address trusted as a proxy. The tests with
 * these settings share one running Parley of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(properties = { "parley.widget.chat-starts-per-minute=3", "parley.chat.abandon-after=2",
		"parley.widget.trusted-proxies=127.0.0.1, ::1/128" })
@interface ShortChatLimits {
}
