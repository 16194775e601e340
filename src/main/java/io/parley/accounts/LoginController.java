package io.parley.accounts;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/** The form login page of the console. */
@Controller
class LoginController {

	@GetMapping("/login")
	String login(HttpServletRequest request, Model model) {
		HttpSession session = request.getSession(false);
		if (request.getParameter("error") != null && session != null
				&& session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof TooManyFailedAttempts refused) {
			model.addAttribute("retryAfter", refused.retryAfterInWords());
		}
		return "login";
	}

	/** Where a console form sent after the session ended lands (see {@code FormExpiredPages}). */
	@RequestMapping("/login/expired")
	@ResponseStatus(HttpStatus.FORBIDDEN)
	String expired(Model model) {
		model.addAttribute("expired", true);
		return "login";
	}
}
