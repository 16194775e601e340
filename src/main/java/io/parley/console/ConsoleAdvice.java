package io.parley.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletResponse;

import io.parley.InvalidInputException;
import io.parley.NotFoundException;
import io.parley.accounts.Actor;
import io.parley.database.DatabaseOutage;

/**
 * What every console page has: the signed-in user for the navigation, and pages (not JSON problems) for an unknown
 * id or a malformed address. It goes before the API's problem handler, for console controllers only.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ConsoleAdvice {

	private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

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

	/**
	 * The database is out of reach or did not answer in time: a page that says so (503 with {@code Retry-After}), as
	 * the login has, instead of the API's JSON problem. Nothing was changed: the transaction did not commit.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
			RecoverableDataAccessException.class, CannotCreateTransactionException.class })
	ModelAndView databaseUnavailable(Exception e, HttpServletResponse response) {
		log.warn("Console page answered 503, the database is out of reach: {}",
				NestedExceptionUtils.getMostSpecificCause(e).toString());
		response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
		ModelAndView page = new ModelAndView("error/503");
		page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
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
