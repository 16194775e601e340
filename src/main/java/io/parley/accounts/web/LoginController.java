package io.parley.accounts.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The form login page of the console. */
@Controller
class LoginController {

	@GetMapping("/login")
	String login() {
		return "login";
	}
}
