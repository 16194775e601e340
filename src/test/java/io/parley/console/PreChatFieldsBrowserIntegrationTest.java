package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.Browser;
import io.parley.HttpApi;
import io.parley.IntegrationTest;
import io.parley.SwitchedOn;
import io.parley.accounts.TestTenants;
import io.parley.assets.TestImages;
import io.parley.profiles.PreChatFieldType;
import io.parley.profiles.PreChatForm;
import tools.jackson.databind.JsonNode;

/**
 * Editing a V2 profile that has several pre-chat fields, and the most the builder allows, in real Chromium: the
 * editor's form grows by seven parts a field, and every edit (its name, a field's label, images chosen, fields
 * removed and added in the builder) must be saved, as the API then shows.
 */
@IntegrationTest
@SwitchedOn(value = Browser.SWITCH, equalTo = "1", needs = Browser.NEEDS)
class PreChatFieldsBrowserIntegrationTest {

	static final String PASSWORD = "prechat-fields-browser-password";

	static Browser browser;

	@Autowired
	TestTenants tenants;

	@LocalServerPort
	int port;

	HttpApi api;
	String username;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@BeforeEach
	void tenant() {
		username = tenants.tenantWithAdmin(PASSWORD);
		api = HttpApi.basic(port, username, PASSWORD);
	}

	@AfterEach
	void logOut() {
		browser.driver().manage().deleteAllCookies();
	}

	@Test
	void savesEditsAndImagesOfAProfileWithThreePreChatFields() {
		String id = profileWithFields(3);
		logIn();
		WebDriver driver = browser.driver();
		driver.get(url("/console/chat-profiles/" + id));
		rename("Three questions, edited");
		retype("f-preChatForm-fields-1-label", "The second question, edited");
		chooseImages();

		save();

		JsonNode profile = saved(id);
		assertThat(profile.at("/name").asString()).isEqualTo("Three questions, edited");
		assertThat(profile.at("/preChatForm/fields").size()).isEqualTo(3);
		assertThat(profile.at("/preChatForm/fields/1/label").asString()).isEqualTo("The second question, edited");
		assertThat(profile.at("/preChatForm/fields/0/required").asBoolean()).isTrue();
		assertImagesSaved(profile);
	}

	@Test
	void savesAProfileWithTheMostPreChatFieldsAfterRemovingAndAddingOneInTheBuilder() {
		int most = PreChatForm.FIELDS_MAX;
		String id = profileWithFields(most);
		logIn();
		WebDriver driver = browser.driver();
		driver.get(url("/console/chat-profiles/" + id));
		rename("All the questions, edited");

		// the builder posts the whole form for each step: with every field, then with one less
		WebElement remove = driver.findElement(By.cssSelector("button[name=op][value='remove-field-" + (most - 1) + "']"));
		browser.script("arguments[0].scrollIntoView({block: 'center'})", remove);
		remove.click();
		browser.await("the field removed", d -> d.findElements(By.cssSelector(".builder-item")).size() == most - 1);
		assertThat(driver.findElements(By.cssSelector(".alert-danger"))).isEmpty();
		driver.findElement(By.id("add-field")).click();
		browser.await("a field added", d -> d.findElements(By.cssSelector(".builder-item")).size() == most);
		String prefix = "f-preChatForm-fields-" + (most - 1) + "-";
		browser.await("the new field's label", d -> d.findElements(By.id(prefix + "label")).size() == 1);
		retype(prefix + "label", "A question added in the builder");
		retype(prefix + "key", "added");
		assertThat(driver.findElement(By.id("add-field")).isEnabled()).as("Add field at the most fields").isFalse();
		retype("f-preChatForm-fields-0-label", "The first question, edited");
		chooseImages();
		browser.script("document.querySelector('#prechat').scrollIntoView({block: 'start'})");
		browser.screenshot("console-chat-profile-most-fields");

		save();

		JsonNode profile = saved(id);
		assertThat(profile.at("/name").asString()).isEqualTo("All the questions, edited");
		assertThat(profile.at("/preChatForm/fields").size()).isEqualTo(most);
		assertThat(profile.at("/preChatForm/fields/0/label").asString()).isEqualTo("The first question, edited");
		JsonNode added = profile.at("/preChatForm/fields/" + (most - 1));
		assertThat(added.at("/label").asString()).isEqualTo("A question added in the builder");
		assertThat(added.at("/key").asString()).isEqualTo("added");
		int select = List.of(PreChatFieldType.values()).indexOf(PreChatFieldType.SELECT);
		assertThat(profile.at("/preChatForm/fields/" + select + "/options").size()).isEqualTo(3);
		assertImagesSaved(profile);
	}

	/** A V2 profile, made through the API, with the waiting screen on and {@code count} fields of every type. */
	private String profileWithFields(int count) {
		List<Map<String, Object>> fields = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			PreChatFieldType type = PreChatFieldType.values()[i % PreChatFieldType.values().length];
			Map<String, Object> field = new LinkedHashMap<>(Map.of("key", "field" + i, "label", "Question " + (i + 1),
					"type", type.name(), "required", i % 2 == 0));
			if (type == PreChatFieldType.SELECT) {
				field.put("options", List.of("Billing", "Orders", "Returns"));
			}
			if (type.takesMaxLength()) {
				field.put("maxLength", 100 + i);
			}
			fields.add(field);
		}
		HttpApi.Answer created = api.post("/api/v1/chat-profiles", Map.of("name", "Questions " + UUID.randomUUID(),
				"interfaceVersion", "V2", "preChatForm", Map.of("enabled", true, "fields", fields),
				"waitingQueue", Map.of("enabled", true, "message", "Thanks for waiting")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().at("/id").asString();
	}

	private void rename(String name) {
		retype("f-name", name);
	}

	private void retype(String id, String text) {
		WebElement input = browser.driver().findElement(By.id(id));
		browser.script("arguments[0].scrollIntoView({block: 'center'})", input);
		input.clear();
		input.sendKeys(text);
	}

	/** Chooses a waiting screen logo and a hero image (a few KB each), uploaded as soon as they are chosen. */
	private void chooseImages() {
		WebDriver driver = browser.driver();
		driver.findElement(By.id("f-waitingQueue-logoAssetId")).sendKeys(image("fields-logo.png",
				TestImages.logo("Questions", new java.awt.Color(0x0F766E))).toString());
		browser.await("the logo's thumbnail", d -> !d.findElements(
				By.cssSelector("#f-waitingQueue-logoAssetId-field img[src^='/assets/']")).isEmpty());
		driver.findElement(By.id("f-waitingQueue-heroImageAssetId")).sendKeys(image("fields-hero.png",
				TestImages.hero(new java.awt.Color(0x14B8A6), new java.awt.Color(0x0F766E))).toString());
		browser.await("the hero's thumbnail", d -> !d.findElements(
				By.cssSelector("#f-waitingQueue-heroImageAssetId-field img[src^='/assets/']")).isEmpty());
	}

	private void save() {
		browser.driver().findElement(By.cssSelector("[data-save]")).click();
		browser.await("an answer to saving", d -> !d.findElements(
				By.cssSelector(".alert-success")).isEmpty() || !d.findElements(By.cssSelector(".alert-danger")).isEmpty());
		assertThat(alertText()).isEqualTo("Saved as version 2.");
	}

	private String alertText() {
		return browser.script("const a = document.querySelector('.alert-success, .alert-danger');"
				+ " return a ? a.textContent.trim() : ''");
	}

	private JsonNode saved(String id) {
		HttpApi.Answer answer = api.get("/api/v1/chat-profiles/" + id);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().at("/version").asInt()).isEqualTo(2);
		return answer.json();
	}

	private void assertImagesSaved(JsonNode profile) {
		String logo = profile.at("/waitingQueue/logoAssetId").asString();
		String hero = profile.at("/waitingQueue/heroImageAssetId").asString();
		assertThat(logo).isNotBlank();
		assertThat(hero).isNotBlank().isNotEqualTo(logo);
		assertThat(api.get("/assets/" + hero).status()).isEqualTo(200);
	}

	private static Path image(String name, byte[] content) {
		try {
			Path file = Files.createDirectories(Path.of("target", "browser")).resolve(name).toAbsolutePath();
			Files.write(file, content);
			return file;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private void logIn() {
		WebDriver driver = browser.driver();
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys(PASSWORD);
		driver.findElement(By.xpath("//button[normalize-space()='Log in']")).click();
		browser.await("the console", d -> d.getCurrentUrl().contains("/console/"));
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}
}
