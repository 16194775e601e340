package io.parley.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import io.parley.accounts.Actor;

/** Where a user lands after logging in: admins at their chat profiles, agents at their chats. */
@Controller
class HomeController {

	@GetMapping({ "/", "/console", "/console/" })
	String home(Actor actor) {
		return "redirect:" + Viewer.of(actor).home();
	}
}
