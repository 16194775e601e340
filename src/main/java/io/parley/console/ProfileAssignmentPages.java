package io.parley.console;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.parley.shared.StaleVersionException;
import io.parley.accounts.Actor;
import io.parley.contactpoints.PointOfContact;
import io.parley.contactpoints.PointOfContactManagement;
import io.parley.profiles.ChatProfile;
import io.parley.profiles.ChatProfileCatalog;
import io.parley.profiles.ChatProfileManagement;

/**
 * A chat profile's Points of contact tab: the points of contact it serves, with Remove and Remove all, and the
 * others with the profile each has now, with Add and Add all. Each button changes one thing through the contact
 * points module, with the version the page showed, so a change made meanwhile is refused rather than undone.
 */
@Controller
@RequestMapping("/console/chat-profiles/{id}/points-of-contact")
class ProfileAssignmentPages {

	private final ChatProfileManagement profiles;
	private final ChatProfileCatalog catalog;
	private final PointOfContactManagement pointsOfContact;

	ProfileAssignmentPages(ChatProfileManagement profiles, ChatProfileCatalog catalog,
			PointOfContactManagement pointsOfContact) {
		this.profiles = profiles;
		this.catalog = catalog;
		this.pointsOfContact = pointsOfContact;
	}

	@GetMapping
	String tab(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String q,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) String fragment,
			Model model) {
		ChatProfile profile = profiles.get(actor, id);
		PointOfContactPaging.Page others = PointOfContactPaging.page(pointsOfContact, catalog, actor, q, cursor,
				poc -> id.equals(poc.chatProfileId()));
		model.addAttribute("profile", profile);
		model.addAttribute("q", q);
		model.addAttribute("others", others.rows());
		model.addAttribute("nextCursor", others.nextCursor());
		if ("rows".equals(fragment)) {
			return "console/chat-profile-pocs :: other-rows";
		}
		model.addAttribute("assigned", pointsOfContact.assignedTo(actor, id));
		return "console/chat-profile-pocs";
	}

	@PostMapping("/add")
	String add(Actor actor, @PathVariable UUID id, @RequestParam UUID pointOfContactId,
			@RequestParam(required = false) Integer version, RedirectAttributes redirect) {
		return change(actor, id, redirect, () -> {
			PointOfContact poc = pointsOfContact.assignChatProfile(actor, pointOfContactId, version, id);
			return "“" + poc.name() + "” now shows this profile.";
		});
	}

	@PostMapping("/remove")
	String remove(Actor actor, @PathVariable UUID id, @RequestParam UUID pointOfContactId,
			@RequestParam(required = false) Integer version, RedirectAttributes redirect) {
		return change(actor, id, redirect, () -> {
			PointOfContact poc = pointsOfContact.get(actor, pointOfContactId);
			if (!id.equals(poc.chatProfileId())) {
				// The page is out of date: it no longer has this profile, so there is nothing to remove here.
				throw new StaleVersionException("“" + poc.name() + "” no longer shows this profile.");
			}
			pointsOfContact.unassignChatProfile(actor, pointOfContactId, version);
			return "“" + poc.name() + "” now shows the default look.";
		});
	}

	@PostMapping("/add-all")
	String addAll(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
		return change(actor, id, redirect, () -> {
			List<PointOfContact> assigned = pointsOfContact.assignToAllActive(actor, id);
			return "Every active point of contact now shows this profile (" + assigned.size() + " in all).";
		});
	}

	@PostMapping("/remove-all")
	String removeAll(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
		return change(actor, id, redirect, () -> {
			pointsOfContact.unassignAll(actor, id);
			return "No point of contact shows this profile any more.";
		});
	}

	private String change(Actor actor, UUID id, RedirectAttributes redirect, Supplier<String> change) {
		profiles.get(actor, id);
		String back = "redirect:/console/chat-profiles/" + id + "/points-of-contact";
		ConsoleAdvice.onRefusal(redirect, refusal -> {
			redirect.addFlashAttribute("problem", refusal.stale() ? "Nothing was changed: the point of contact was"
					+ " changed by someone else since this page was shown. The lists below are up to date now; try again."
					: "Nothing was changed: " + refusal.message());
			return back;
		});
		redirect.addFlashAttribute("notice", change.get());
		return back;
	}
}
