package io.parley.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.parley.accounts.Actor;

/** The page a user lands on after logging in. */
@Controller
class HomeController {

	@GetMapping("/")
	String home(Actor actor, Model model) {
		model.addAttribute("actor", actor);
		return "home";
	}
}
