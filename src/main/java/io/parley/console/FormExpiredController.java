package io.parley.console;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The page a console form sent with a stale CSRF token ends on, for someone still logged in: the accounts module's
 * security forwards the refused request here (or sends htmx here). It offers the page the form was on again.
 */
@Controller
class FormExpiredController {

	static final String PATH = "/console/form-expired";

	@RequestMapping(PATH)
	@ResponseStatus(HttpStatus.FORBIDDEN)
	String expired(@RequestHeader(name = "Referer", required = false) String referer, Model model) {
		model.addAttribute("back", back(referer));
		return "console/form-expired";
	}

	/** The console page the form was on, as a path of this site, or null. */
	static String back(String referer) {
		if (referer == null) {
			return null;
		}
		try {
			URI uri = URI.create(referer);
			String path = uri.getRawPath();
			if (path == null || !path.startsWith("/console/") || path.startsWith(PATH)) {
				return null;
			}
			return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}
}
