package io.parley.console;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.parley.shared.ListPage;
import io.parley.accounts.Actor;
import io.parley.contactpoints.PointOfContact;
import io.parley.contactpoints.PointOfContactManagement;
import io.parley.profiles.ChatProfile;
import io.parley.profiles.ChatProfileCatalog;
import io.parley.profiles.ChatProfileManagement;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The point of contact pages: the list, the form (skill, active, allowed origins, and the chat profile it shows,
 * which assigns or unassigns from this side), the embed snippet, and delete.
 */
@Controller
@RequestMapping("/console/points-of-contact")
class PointOfContactPages {

	private final PointOfContactManagement pointsOfContact;
	private final ChatProfileManagement profiles;
	private final ChatProfileCatalog catalog;
	private final String publicUrl;

	PointOfContactPages(PointOfContactManagement pointsOfContact, ChatProfileManagement profiles,
			ChatProfileCatalog catalog, @Value("${parley.widget.public-url:}") String publicUrl) {
		this.pointsOfContact = pointsOfContact;
		this.profiles = profiles;
		this.catalog = catalog;
		this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
	}

	@GetMapping
	String list(Actor actor, @RequestParam(defaultValue = "") String q, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) String fragment, Model model) {
		PointOfContactPaging.Page page = PointOfContactPaging.page(pointsOfContact, catalog, actor, q, cursor,
				poc -> false);
		model.addAttribute("q", q);
		model.addAttribute("rows", page.rows());
		model.addAttribute("nextCursor", page.nextCursor());
		return "rows".equals(fragment) ? "console/points-of-contact :: rows" : "console/points-of-contact";
	}

	@GetMapping("/new")
	String create(Actor actor, @RequestParam(required = false) UUID chatProfileId, Model model) {
		PointOfContactForm form = new PointOfContactForm();
		if (chatProfileId != null) {
			form.setChatProfileId(chatProfileId.toString());
		}
		return form(actor, model, form, null, FieldErrors.none(), null);
	}

	@PostMapping
	String create(Actor actor, @ModelAttribute("form") PointOfContactForm form, Model model,
			RedirectAttributes redirect) {
		ConsoleAdvice.onRefusal(model, refusal -> form(actor, model, form, null, refusal.errors(), null));
		PointOfContact created = pointsOfContact.create(actor, form.draft());
		redirect.addFlashAttribute("notice", "Point of contact “" + created.name() + "” created. Paste the snippet"
				+ " below into the pages that should show the chat button.");
		return "redirect:/console/points-of-contact/" + created.id();
	}

	@GetMapping("/{id}")
	String edit(Actor actor, @PathVariable UUID id, Model model, HttpServletRequest request) {
		PointOfContact poc = pointsOfContact.get(actor, id);
		return form(actor, model, PointOfContactForm.of(poc), poc, FieldErrors.none(), request);
	}

	@PostMapping("/{id}")
	String save(Actor actor, @PathVariable UUID id, @ModelAttribute("form") PointOfContactForm form, Model model,
			HttpServletRequest request, RedirectAttributes redirect) {
		PointOfContact current = pointsOfContact.get(actor, id);
		ConsoleAdvice.onRefusal(model, refusal -> {
			if (!refusal.stale()) {
				return form(actor, model, form, current, refusal.errors(), request);
			}
			// Someone saved meanwhile: their version beside the form, which keeps the edits and saves over theirs.
			PointOfContact theirs = pointsOfContact.get(actor, id);
			model.addAttribute("conflict", theirs);
			form.setVersion(theirs.version());
			return form(actor, model, form, theirs, FieldErrors.none(), request);
		});
		PointOfContact saved = pointsOfContact.update(actor, id, form.getVersion(), form.draft());
		redirect.addFlashAttribute("notice", saved.version() == current.version() ? "Nothing changed."
				: "Saved as version " + saved.version() + ".");
		return "redirect:/console/points-of-contact/" + id;
	}

	@GetMapping("/{id}/delete")
	String deleteForm(Actor actor, @PathVariable UUID id, Model model) {
		model.addAttribute("poc", pointsOfContact.get(actor, id));
		return "console/point-of-contact-delete";
	}

	@PostMapping("/{id}/delete")
	String delete(Actor actor, @PathVariable UUID id, @RequestParam(required = false) Integer version,
			RedirectAttributes redirect) {
		PointOfContact poc = pointsOfContact.get(actor, id);
		ConsoleAdvice.onRefusal(redirect, refusal -> {
			redirect.addFlashAttribute("problem", "Nothing was deleted: someone changed “" + poc.name()
					+ "” meanwhile. Check it and try again.");
			return "redirect:/console/points-of-contact/" + id;
		});
		pointsOfContact.delete(actor, id, version);
		redirect.addFlashAttribute("notice", "Point of contact “" + poc.name() + "” deleted.");
		return "redirect:/console/points-of-contact";
	}

	/** A choice of the "Chat profile" select. */
	record Choice(String id, String name) {
	}

	/**
	 * The form; its "Chat profile" select offers the tenant's profiles by name, as many as one page of a list holds (a
	 * tenant with more can still assign from the profile).
	 */
	private String form(Actor actor, Model model, PointOfContactForm form, PointOfContact poc, FieldErrors errors,
			HttpServletRequest request) {
		List<Choice> choices = new ArrayList<>();
		for (ChatProfile profile : profiles.list(actor, "", null, ListPage.MAX_LIMIT)) {
			choices.add(new Choice(profile.id().toString(), profile.name()));
		}
		String chosen = form.getChatProfileId();
		if (!chosen.isEmpty() && choices.stream().noneMatch(c -> c.id().equals(chosen))) {
			try {
				catalog.find(actor.tenantId(), UUID.fromString(chosen))
					.ifPresent(p -> choices.add(0, new Choice(p.id().toString(), p.name())));
			}
			catch (IllegalArgumentException e) {
				// not an id: the form says so next to the select
			}
		}
		model.addAttribute("form", form);
		model.addAttribute("poc", poc);
		model.addAttribute("errors", errors);
		model.addAttribute("profiles", choices);
		if (poc != null) {
			model.addAttribute("profileName", poc.chatProfileId() == null ? null
					: catalog.find(actor.tenantId(), poc.chatProfileId()).map(ChatProfile::name).orElse(null));
			model.addAttribute("snippet", "<script src=\"" + baseUrl(request) + "/widget/loader.js\" data-poc=\""
					+ poc.id() + "\" async></script>");
		}
		return "console/point-of-contact-editor";
	}

	/** Where customers' browsers reach Parley: {@code PARLEY_PUBLIC_URL}, or else where this page was asked for. */
	private String baseUrl(HttpServletRequest request) {
		if (!publicUrl.isEmpty()) {
			return publicUrl;
		}
		return ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
	}
}
