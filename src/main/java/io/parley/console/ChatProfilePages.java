package io.parley.console;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.parley.shared.FieldViolation;
import io.parley.shared.ListPage;
import io.parley.accounts.Actor;
import io.parley.assets.Assets;
import io.parley.contactpoints.PointOfContactCatalog;
import io.parley.profiles.ButtonPosition;
import io.parley.profiles.ChatProfile;
import io.parley.profiles.ChatProfileManagement;
import io.parley.profiles.FontSize;
import io.parley.profiles.InterfaceVersion;
import io.parley.profiles.PreChatFieldType;
import io.parley.profiles.PreChatForm;
import io.parley.widget.WidgetConfigs;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The chat profile pages: the list, the editor (create, save, the pre-chat form builder, images), copy and delete.
 * Every decision about what a profile may be is the profile module's; these pages translate forms and show its
 * answers next to the inputs they are about.
 */
@Controller
@RequestMapping("/console/chat-profiles")
class ChatProfilePages {

	private static final Pattern INDEXED_OP = Pattern.compile("(remove-field|up|down)-(\\d{1,3})");

	private final ChatProfileManagement profiles;
	private final PointOfContactCatalog pointsOfContact;
	private final ImageUploads images;

	ChatProfilePages(ChatProfileManagement profiles, PointOfContactCatalog pointsOfContact, ImageUploads images) {
		this.profiles = profiles;
		this.pointsOfContact = pointsOfContact;
		this.images = images;
	}

	/** The editor's form as submitted: the settings by their paths, the binder fills in the rest. */
	@ModelAttribute("form")
	ChatProfileForm form(HttpServletRequest request) {
		return ChatProfileForm.defaults().read(request.getParameterMap());
	}

	/** The binder binds the form's own fields; the settings are read by path above. */
	@InitBinder("form")
	void formFields(WebDataBinder binder) {
		binder.setAllowedFields("version", "name", "description", "interfaceVersion");
	}

	/** One line of the profile list. */
	record Row(UUID id, String name, String interfaceVersion, int pointsOfContact, Instant updatedAt, String updatedBy) {
	}

	@GetMapping
	String list(Actor actor, @RequestParam(required = false) String q, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) String fragment, Model model) {
		String search = q == null ? "" : q;
		ListPage<ChatProfile> page = profiles.page(actor, search, cursor, ListPage.DEFAULT_LIMIT);
		Map<UUID, Integer> counts = pointsOfContact.countByProfile(actor.tenantId(),
				page.items().stream().map(ChatProfile::id).toList());
		model.addAttribute("q", search);
		model.addAttribute("rows", page.items().stream()
			.map(p -> new Row(p.id(), p.name(), p.interfaceVersion().name(), counts.getOrDefault(p.id(), 0),
					p.updatedAt(), p.updatedBy()))
			.toList());
		model.addAttribute("nextCursor", page.nextCursor());
		return "rows".equals(fragment) ? "console/chat-profiles :: rows" : "console/chat-profiles";
	}

	@GetMapping("/new")
	String create(Model model) {
		return editor(model, ChatProfileForm.defaults(), null, refusedImage(model, null));
	}

	@PostMapping
	String create(Actor actor, @ModelAttribute("form") ChatProfileForm form, @RequestParam(required = false) String op,
			@RequestParam(name = "logoFile", required = false) MultipartFile logo,
			@RequestParam(name = "waitingQueueLogoFile", required = false) MultipartFile queueLogo,
			@RequestParam(name = "heroImageFile", required = false) MultipartFile hero, Model model,
			RedirectAttributes redirect) {
		ConsoleAdvice.onRefusal(model, refusal -> editor(model, form, null, refusal.errorsOn("name")));
		storeImages(actor, form, logo, queueLogo, hero);
		if (op != null && !op.isEmpty()) {
			return edit(model, form, null, op);
		}
		ChatProfile created = profiles.create(actor, form.draft());
		redirect.addFlashAttribute("notice", "Chat profile “" + created.name() + "” created.");
		return "redirect:/console/chat-profiles/" + created.id();
	}

	@GetMapping("/{id}")
	String edit(Actor actor, @PathVariable UUID id, Model model) {
		ChatProfile profile = profiles.get(actor, id);
		return editor(model, ChatProfileForm.of(profile), profile, refusedImage(model, profile));
	}

	/**
	 * After {@link OversizedFormUploads} sent a refused form back here: what was refused (too large an image, next to
	 * that image, or too many parts), and what became of the rest of the form, which the container refused with it.
	 */
	private static FieldErrors refusedImage(Model model, ChatProfile profile) {
		String kept = profile == null ? "the form starts again from the defaults" : "this is the profile as last saved";
		if (model.getAttribute(OversizedFormUploads.REFUSED_PARTS) instanceof Long parts) {
			model.addAttribute("problem", "Nothing was saved: the form had more parts than Parley reads from one form"
					+ " (at most " + parts + "; the editor's own form never has that many), so " + kept + ".");
			return FieldErrors.none();
		}
		if (!(model.getAttribute(OversizedFormUploads.REFUSED_IMAGE) instanceof String field)) {
			return FieldErrors.none();
		}
		String limit = Assets.MAX_BYTES / (1024 * 1024) + " MiB (" + Assets.MAX_BYTES + " bytes)";
		if (field.isEmpty()) {
			model.addAttribute("problem", "Nothing was saved: the form with its images was too large to be read (an"
					+ " image may have at most " + limit + "), so " + kept + ". Choose smaller images and make your"
					+ " changes again.");
			return FieldErrors.none();
		}
		model.addAttribute("problem", "Nothing was saved: a form with too large an image arrives without its other"
				+ " settings, so " + kept + ". Choose a smaller image and make your changes again.");
		return FieldErrors.of(List.of(new FieldViolation(field, "The file is larger than " + limit
				+ ", the most an image may have.")));
	}

	@PostMapping("/{id}")
	String save(Actor actor, @PathVariable UUID id, @ModelAttribute("form") ChatProfileForm form,
			@RequestParam(required = false) String op,
			@RequestParam(name = "logoFile", required = false) MultipartFile logo,
			@RequestParam(name = "waitingQueueLogoFile", required = false) MultipartFile queueLogo,
			@RequestParam(name = "heroImageFile", required = false) MultipartFile hero, Model model,
			RedirectAttributes redirect) {
		ChatProfile current = profiles.get(actor, id);
		ConsoleAdvice.onRefusal(model, refusal -> refusal.stale() ? savedFirst(actor, id, form, model)
				: editor(model, form, current, refusal.errorsOn("name")));
		storeImages(actor, form, logo, queueLogo, hero);
		if (op != null && !op.isEmpty()) {
			return edit(model, form, current, op);
		}
		ChatProfile saved = profiles.update(actor, id, form.getVersion(), form.draft());
		redirect.addFlashAttribute("notice", saved.version() == current.version() ? "Nothing changed."
				: "Saved as version " + saved.version() + ".");
		return "redirect:/console/chat-profiles/" + id;
	}

	/** Someone saved first: keep every edit, tell who and what differs, and let a second Save overwrite. */
	private String savedFirst(Actor actor, UUID id, ChatProfileForm form, Model model) {
		ChatProfile theirs = profiles.get(actor, id);
		model.addAttribute("conflict", new Conflict(form.getVersion(), theirs.version(), theirs.updatedBy(),
				theirs.updatedAt(), differences(actor, theirs, form)));
		form.setVersion(theirs.version());
		return editor(model, form, theirs, FieldErrors.none());
	}

	/** What the editor says when someone else saved the profile first. */
	record Conflict(int yourVersion, int theirVersion, String savedBy, Instant savedAt, List<Difference> differences) {
	}

	/** A setting whose saved value differs from the one in the form. */
	record Difference(String field, String label, String saved, String yours) {
	}

	/**
	 * The widget configuration the unsaved form would give customers, for the live preview; a form that is not a
	 * valid profile yet answers a problem naming the fields, and the preview keeps showing the last valid one.
	 */
	@PostMapping(path = "/preview", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ResponseEntity<Object> preview(Actor actor, @ModelAttribute("form") ChatProfileForm form) {
		// Customers never see the name, and a new profile has none yet: the preview should not wait for it.
		form.setName("Preview");
		form.setDescription("");
		ChatProfile unsaved = profiles.preview(actor, form.draft());
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(WidgetConfigs.preview(unsaved, ""));
	}

	@GetMapping("/{id}/copy")
	String copyForm(Actor actor, @PathVariable UUID id, Model model) {
		ChatProfile profile = profiles.get(actor, id);
		model.addAttribute("profile", profile);
		model.addAttribute("name", "Copy of " + profile.name());
		model.addAttribute("errors", FieldErrors.none());
		return "console/chat-profile-copy";
	}

	@PostMapping("/{id}/copy")
	String copy(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String name, Model model,
			RedirectAttributes redirect) {
		ChatProfile profile = profiles.get(actor, id);
		ConsoleAdvice.onRefusal(model, refusal -> {
			model.addAttribute("profile", profile);
			model.addAttribute("name", name);
			model.addAttribute("errors", refusal.errorsOn("name"));
			return "console/chat-profile-copy";
		});
		ChatProfile copy = profiles.copy(actor, id, name);
		redirect.addFlashAttribute("notice", "Copied “" + profile.name() + "” as “" + copy.name() + "”.");
		return "redirect:/console/chat-profiles/" + copy.id();
	}

	@GetMapping("/{id}/delete")
	String deleteForm(Actor actor, @PathVariable UUID id, Model model) {
		ChatProfile profile = profiles.get(actor, id);
		model.addAttribute("profile", profile);
		model.addAttribute("assigned", pointsOfContact.assignedTo(actor.tenantId(), id));
		return "console/chat-profile-delete";
	}

	@PostMapping("/{id}/delete")
	String delete(Actor actor, @PathVariable UUID id, @RequestParam(required = false) Integer version, Model model,
			RedirectAttributes redirect) {
		ChatProfile profile = profiles.get(actor, id);
		ConsoleAdvice.onRefusal(model, refusal -> {
			model.addAttribute("profile", profiles.get(actor, id));
			model.addAttribute("assigned", pointsOfContact.assignedTo(actor.tenantId(), id));
			model.addAttribute("refusal", refusal.message());
			return "console/chat-profile-delete";
		});
		profiles.delete(actor, id, version);
		redirect.addFlashAttribute("notice", "Chat profile “" + profile.name() + "” deleted.");
		return "redirect:/console/chat-profiles";
	}

	private void storeImages(Actor actor, ChatProfileForm form, MultipartFile logo, MultipartFile queueLogo,
			MultipartFile hero) {
		storeImage(actor, form, "logoAssetId", logo);
		storeImage(actor, form, "waitingQueue.logoAssetId", queueLogo);
		storeImage(actor, form, "waitingQueue.heroImageAssetId", hero);
	}

	/** Stores the image chosen for the setting at {@code path}, if one was, and sets the setting to its id. */
	private void storeImage(Actor actor, ChatProfileForm form, String path, MultipartFile file) {
		UUID stored = images.store(actor, file, path);
		if (stored != null) {
			form.set(path, stored.toString());
		}
	}

	/** Applies one builder operation to the unsaved form and shows it again; nothing is saved. */
	private String edit(Model model, ChatProfileForm form, ChatProfile profile, String op) {
		String focus = null;
		Matcher indexed = INDEXED_OP.matcher(op);
		if (op.equals("add-field")) {
			form.addField();
			focus = FieldErrors.id("preChatForm.fields[" + (form.getFields().size() - 1) + "].label");
		}
		else if (indexed.matches()) {
			int index = Integer.parseInt(indexed.group(2));
			int size = form.getFields().size();
			switch (indexed.group(1)) {
				case "remove-field" -> {
					form.removeField(index);
					focus = "add-field";
				}
				case "up" -> {
					form.moveField(index, -1);
					focus = (index > 1 ? "up-" : "down-") + Math.max(index - 1, 0);
				}
				default -> {
					form.moveField(index, 1);
					focus = (index + 2 < size ? "down-" : "up-") + Math.min(index + 1, size - 1);
				}
			}
		}
		else if (op.startsWith("remove-image-")) {
			String path = op.substring("remove-image-".length());
			if (ImageUploads.imageFields().contains(path)) {
				form.set(path, "");
			}
		}
		model.addAttribute("focus", focus);
		return editor(model, form, profile, FieldErrors.none());
	}

	private String editor(Model model, ChatProfileForm form, ChatProfile profile, FieldErrors errors) {
		model.addAttribute("form", form);
		model.addAttribute("profile", profile);
		model.addAttribute("errors", errors);
		model.addAttribute("versions", InterfaceVersion.values());
		model.addAttribute("fontSizes", FontSize.values());
		model.addAttribute("positions", ButtonPosition.values());
		model.addAttribute("fieldTypes", PreChatFieldType.values());
		model.addAttribute("warnings", contrastWarnings(form));
		model.addAttribute("dropped", form.dropped());
		model.addAttribute("fieldsMax", PreChatForm.FIELDS_MAX);
		model.addAttribute("formAction", profile == null ? "/console/chat-profiles" : "/console/chat-profiles/" + profile.id());
		if (profile != null) {
			model.addAttribute("assignedCount", pointsOfContact.assignedTo(profile.tenantId(), profile.id()).size());
		}
		return "console/chat-profile-editor";
	}

	/** The text colours that fail WCAG AA against their background, with the message shown under them. */
	static Map<String, String> contrastWarnings(ChatProfileForm form) {
		Map<String, String> a = form.getAppearance();
		Map<String, String> q = form.getWaitingQueue();
		Map<String, String> warnings = new LinkedHashMap<>();
		warn(warnings, "appearance.primaryTextColor", a.get("primaryTextColor"), a.get("primaryColor"),
				"the button and the customer's messages");
		warn(warnings, "appearance.agentBubbleTextColor", a.get("agentBubbleTextColor"), a.get("agentBubbleColor"),
				"the agent's messages");
		warn(warnings, "appearance.topBarTextColor", a.get("topBarTextColor"), a.get("topBarColor"), "the top bar");
		warn(warnings, "waitingQueue.textColor", q.get("textColor"), q.get("backgroundColor"), "the waiting screen");
		return warnings;
	}

	private static void warn(Map<String, String> warnings, String field, String text, String background, String where) {
		Contrast contrast = Contrast.of(text, background);
		if (contrast != null && !contrast.passesAa()) {
			warnings.put(field, "Low contrast (" + contrast.text() + ") for " + where
					+ ": WCAG AA asks for 4.5:1, or some customers cannot read it.");
		}
	}

	/** The settings in the form that differ from the saved profile; none when the form is no valid profile. */
	private List<Difference> differences(Actor actor, ChatProfile saved, ChatProfileForm form) {
		return profiles.differences(actor, saved, form.draft()).stream()
			.map(d -> new Difference(d.field(), FieldErrors.label(d.field()), d.value(), d.otherValue()))
			.toList();
	}
}
