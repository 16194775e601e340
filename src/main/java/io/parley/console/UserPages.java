package io.parley.console;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.parley.shared.FieldViolation;
import io.parley.shared.ListPage;
import io.parley.accounts.ApiTokens;
import io.parley.accounts.Actor;
import io.parley.accounts.User;
import io.parley.accounts.UserManagement;
import io.parley.routing.Routing;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Users of the tenant (admins and agents: roles, skills, chat capacity, password reset, disabling; agents' presence
 * as routing has it) and the signed-in user's own API tokens. The accounts module decides what is allowed, such as keeping one enabled admin.
 */
@Controller
class UserPages {

	private final UserManagement users;
	private final ApiTokens tokens;
	private final Routing routing;

	UserPages(UserManagement users, ApiTokens tokens, Routing routing) {
		this.users = users;
		this.tokens = tokens;
		this.routing = routing;
	}

	@GetMapping("/console/users")
	String list(Actor actor, @RequestParam(defaultValue = "") String q, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) String fragment, Model model) {
		ListPage<User> page = users.page(actor, q, cursor, ListPage.DEFAULT_LIMIT);
		model.addAttribute("q", q);
		model.addAttribute("rows", page.items());
		model.addAttribute("presences", routing.presences(actor.tenantId(),
				page.items().stream().map(User::id).toList()));
		model.addAttribute("nextCursor", page.nextCursor());
		return "rows".equals(fragment) ? "console/users :: rows" : "console/users";
	}

	@GetMapping("/console/users/new")
	String create(Model model) {
		return form(model, new UserForm(), null, FieldErrors.none());
	}

	@PostMapping("/console/users")
	String create(Actor actor, @ModelAttribute("form") UserForm form, Model model, RedirectAttributes redirect) {
		// The one conflict of a new user is its name being taken.
		ConsoleAdvice.onRefusal(model, refusal -> form(model, form, null, refusal.errorsOn("username")));
		User created = users.create(actor, form.data());
		redirect.addFlashAttribute("notice", "User “" + created.username() + "” created.");
		return "redirect:/console/users/" + created.id();
	}

	@GetMapping("/console/users/{id}")
	String edit(Actor actor, @PathVariable UUID id, Model model) {
		User user = users.get(actor, id);
		return form(model, UserForm.of(user), user, FieldErrors.none());
	}

	@PostMapping("/console/users/{id}")
	String save(Actor actor, @PathVariable UUID id, @ModelAttribute("form") UserForm form, Model model,
			RedirectAttributes redirect) {
		User current = users.get(actor, id);
		// The profile form never sets a password: that is the reset form's one job.
		form.setPassword("");
		return change(actor, current, form, model, redirect, "Saved.");
	}

	@PostMapping("/console/users/{id}/password")
	String resetPassword(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String password,
			@RequestParam(required = false) Integer version, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		User current = users.get(actor, id);
		if (password.isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return form(model, UserForm.of(current), current,
					FieldErrors.of(List.of(new FieldViolation("password", "is required: type the new password"))));
		}
		UserForm form = UserForm.of(current);
		form.setPassword(password);
		if (version != null) {
			form.setVersion(version);
		}
		return change(actor, current, form, model, redirect,
				"Password of “" + current.username() + "” reset. Tell them the new one through a safe channel.");
	}

	@PostMapping("/console/users/{id}/enabled")
	String enable(Actor actor, @PathVariable UUID id, @RequestParam boolean enabled,
			@RequestParam(required = false) Integer version, Model model, RedirectAttributes redirect) {
		User current = users.get(actor, id);
		UserForm form = UserForm.of(current);
		form.setEnabled(enabled);
		if (version != null) {
			form.setVersion(version);
		}
		return change(actor, current, form, model, redirect, enabled
				? "“" + current.username() + "” can log in again."
				: "“" + current.username() + "” is disabled and can no longer log in.");
	}

	private String change(Actor actor, User current, UserForm form, Model model, RedirectAttributes redirect,
			String notice) {
		ConsoleAdvice.onRefusal(model, refusal -> {
			if (!refusal.stale()) {
				if (refusal.conflict()) {
					model.addAttribute("problem", refusal.message());
				}
				return form(model, form, current, refusal.errors());
			}
			model.addAttribute("problem", "Nothing was saved: someone else changed this user meanwhile. The form shows"
					+ " your edits; press Save again to replace their changes.");
			User theirs = users.get(actor, current.id());
			form.setVersion(theirs.version());
			return form(model, form, theirs, FieldErrors.none());
		});
		users.update(actor, current.id(), form.getVersion(), form.data());
		redirect.addFlashAttribute("notice", notice);
		return "redirect:/console/users/" + current.id();
	}

	private String form(Model model, UserForm form, User user, FieldErrors errors) {
		form.setPassword("");
		model.addAttribute("form", form);
		model.addAttribute("user", user);
		model.addAttribute("errors", errors);
		return "console/user-editor";
	}

	@GetMapping("/console/api-tokens")
	String tokens(Actor actor, Model model) {
		model.addAttribute("tokens", tokens.ofUser(actor));
		model.addAttribute("errors", FieldErrors.none());
		return "console/api-tokens";
	}

	@PostMapping("/console/api-tokens")
	String createToken(Actor actor, @RequestParam(defaultValue = "") String name, Model model,
			HttpServletResponse response) {
		ConsoleAdvice.onRefusal(model, refusal -> {
			model.addAttribute("errors", refusal.errors());
			model.addAttribute("name", name);
			model.addAttribute("tokens", tokens.ofUser(actor));
			return "console/api-tokens";
		});
		ApiTokens.NewToken created = tokens.create(actor, name);
		// Rendered, not redirected: the secret must never sit in a flash attribute or a URL.
		model.addAttribute("created", created);
		model.addAttribute("errors", FieldErrors.none());
		response.setHeader("Cache-Control", "no-store");
		model.addAttribute("tokens", tokens.ofUser(actor));
		return "console/api-tokens";
	}

	@PostMapping("/console/api-tokens/{id}/revoke")
	String revoke(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
		if (tokens.revoke(actor, id)) {
			redirect.addFlashAttribute("notice", "Token revoked: requests with it are refused from now on.");
		}
		else {
			redirect.addFlashAttribute("problem", "No such token of yours.");
		}
		return "redirect:/console/api-tokens";
	}
}
