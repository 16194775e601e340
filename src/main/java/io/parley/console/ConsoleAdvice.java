package io.parley.console;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import io.parley.InvalidInputException;
import io.parley.NotFoundException;
import io.parley.accounts.Actor;

/**
 * What every console page has: the signed-in user for the navigation, and pages (not JSON problems) for an unknown
 * id or a malformed address. It goes before the API's problem handler, for console controllers only.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ConsoleAdvice {

	private static final Times TIMES = new Times();

	private static final Display DISPLAY = new Display();

	@ModelAttribute("display")
	Display display() {
		return DISPLAY;
	}

	@ModelAttribute("times")
	Times times() {
		return TIMES;
	}

	@ModelAttribute("viewer")
	Viewer viewer(Actor actor) {
		return Viewer.of(actor);
	}

	@ExceptionHandler({ NotFoundException.class, MethodArgumentTypeMismatchException.class })
	ModelAndView notFound(Exception e, Actor actor) {
		ModelAndView page = new ModelAndView("console/not-found");
		page.addObject("viewer", Viewer.of(actor));
		page.addObject("times", TIMES);
		page.addObject("display", DISPLAY);
		page.setStatus(HttpStatus.NOT_FOUND);
		return page;
	}

	/** A query parameter no page of the console would send (a bad cursor, a tampered filter). */
	@ExceptionHandler(InvalidInputException.class)
	ModelAndView badRequest(InvalidInputException e, Actor actor) {
		ModelAndView page = new ModelAndView("console/bad-request");
		page.addObject("viewer", Viewer.of(actor));
		page.addObject("times", TIMES);
		page.addObject("display", DISPLAY);
		page.addObject("errors", FieldErrors.of(e.violations()));
		page.setStatus(HttpStatus.BAD_REQUEST);
		return page;
	}
}
