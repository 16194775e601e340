package io.parley.console;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.parley.shared.ConflictException;
import io.parley.shared.FieldViolation;
import io.parley.shared.InvalidInputException;
import io.parley.shared.NotFoundException;
import io.parley.http.Problem;
import io.parley.shared.StaleVersionException;
import io.parley.accounts.Actor;
import io.parley.database.DatabaseOutage;

/**
 * What every console page has (the signed-in user for the navigation, the display helpers) and the console's one
 * mapping of exceptions to answers. It goes before the API's problem handler, for console controllers only; no
 * console controller catches a module's exception itself.
 *
 * <p>What the modules throw becomes:
 * <ul>
 * <li>{@link InvalidInputException} 400, {@link ConflictException} 409, {@link StaleVersionException} 412: a
 * {@link Refusal}. A page that registered how to show one (below) is rendered again with it, with that status; any
 * other page gets the "bad request" page (400) or the "refused" page (409, 412) saying what was refused.</li>
 * <li>{@link NotFoundException}, and a path variable that is no id: the "not found" page (404).</li>
 * <li>{@link AccessDeniedException}: the "not allowed" page (403).</li>
 * <li>The database out of reach or too slow: the 503 page with {@code Retry-After}; nothing was changed.</li>
 * </ul>
 * A console endpoint that answers JSON to the console's own script (a {@code @ResponseBody} or {@code ResponseEntity}
 * method, such as the agent console's API or the profile preview) gets the same mapping as an
 * {@code application/problem+json} body instead of a page: title, detail (the exception's message) and, for invalid
 * input, the {@code errors} at fault.
 *
 * <h2>A form page that shows what was refused</h2>
 * A handler that posts a form registers, before it calls the module, how its page shows a refusal, with the model
 * that page renders into; then it calls the module as if nothing could go wrong:
 *
 * <pre>{@code
 * @PostMapping
 * String create(Actor actor, @ModelAttribute("form") ThingForm form, Model model, RedirectAttributes redirect) {
 *     ConsoleAdvice.onRefusal(model, refusal -> editor(model, form, refusal.errors()));
 *     Thing created = things.create(actor, form.draft());
 *     redirect.addFlashAttribute("notice", "Created.");
 *     return "redirect:/console/things/" + created.id();
 * }
 * }</pre>
 *
 * If the module throws one of the three refusals, this advice calls the registered {@link RefusalPage} and answers
 * its view with the model the handler filled and the refusal's status ({@link Refusal#errors()} holds the field
 * errors of invalid input; {@link Refusal#stale()} and {@link Refusal#conflict()} tell the other two apart, for a
 * page that shows the current version or a message). A page that answers a refusal with a redirect registers its
 * {@link RedirectAttributes} as the model: their flash attributes go with the redirect. Without a registration the
 * defaults above apply, so a page only registers when it has something better to show.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ConsoleAdvice {

	private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

	private static final String REFUSAL_PAGE = ConsoleAdvice.class.getName() + ".refusalPage";

	private static final Times TIMES = new Times();

	private static final Display DISPLAY = new Display();

	/**
	 * What a module refused: the status the answer gets, the field errors of invalid input (none otherwise) and the
	 * module's message.
	 */
	record Refusal(HttpStatus status, FieldErrors errors, String message) {

		/** Someone changed the thing since the page was shown (412): the page may show their version. */
		boolean stale() {
			return status == HttpStatus.PRECONDITION_FAILED;
		}

		/** The change conflicts with the current state, such as a name already taken (409). */
		boolean conflict() {
			return status == HttpStatus.CONFLICT;
		}

		/** The field errors, or for a refusal that names no field, its message next to {@code field}. */
		FieldErrors errorsOn(String field) {
			return errors.all().isEmpty() ? FieldErrors.of(List.of(new FieldViolation(field, message))) : errors;
		}
	}

	/** How a page shows a refusal: fills its model and returns its view name (or a {@code redirect:}). */
	@FunctionalInterface
	interface RefusalPage {

		String show(Refusal refusal);
	}

	/** The page registered for this request, with the model it renders into. */
	private record Registered(Model model, RefusalPage page) {
	}

	/** Registers how the page being answered shows a refusal of what it sends to a module; see the class comment. */
	static void onRefusal(Model model, RefusalPage page) {
		RequestContextHolder.currentRequestAttributes().setAttribute(REFUSAL_PAGE, new Registered(model, page),
				RequestAttributes.SCOPE_REQUEST);
	}

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

	@ExceptionHandler(InvalidInputException.class)
	Object invalid(InvalidInputException e, HandlerMethod handler, HttpServletRequest request, Actor actor) {
		Refusal refusal = new Refusal(HttpStatus.BAD_REQUEST, FieldErrors.of(e.violations()), e.getMessage());
		if (answersJson(handler)) {
			return answer(Problem.of(refusal.status(), "Invalid input", e.getMessage()).errors(e.violations()));
		}
		// A query parameter no page of the console would send (a bad cursor, a tampered filter).
		return refused(refusal, request, actor, "console/bad-request");
	}

	@ExceptionHandler(ConflictException.class)
	Object conflict(ConflictException e, HandlerMethod handler, HttpServletRequest request, Actor actor) {
		return refusal(new Refusal(HttpStatus.CONFLICT, FieldErrors.none(), e.getMessage()), "Conflict", handler,
				request, actor);
	}

	@ExceptionHandler(StaleVersionException.class)
	Object stale(StaleVersionException e, HandlerMethod handler, HttpServletRequest request, Actor actor) {
		return refusal(new Refusal(HttpStatus.PRECONDITION_FAILED, FieldErrors.none(), e.getMessage()),
				"Precondition failed", handler, request, actor);
	}

	@ExceptionHandler({ NotFoundException.class, MethodArgumentTypeMismatchException.class })
	Object notFound(Exception e, HandlerMethod handler, Actor actor) {
		if (answersJson(handler)) {
			// A path variable that is no id names nothing: "No chat x" for {chatId} x, as for an unknown id.
			String detail = e instanceof MethodArgumentTypeMismatchException mismatch
					? "No " + mismatch.getName().replaceFirst("Id$", "") + " " + mismatch.getValue()
					: e.getMessage();
			return answer(Problem.of(HttpStatus.NOT_FOUND, "Not found", detail));
		}
		return page("console/not-found", HttpStatus.NOT_FOUND, actor);
	}

	@ExceptionHandler(AccessDeniedException.class)
	Object accessDenied(AccessDeniedException e, HandlerMethod handler) {
		if (answersJson(handler)) {
			return answer(Problem.of(HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this."));
		}
		ModelAndView page = new ModelAndView("error/403");
		page.setStatus(HttpStatus.FORBIDDEN);
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
		response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseOutage.retryAfter());
		ModelAndView page = new ModelAndView("error/503");
		page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
		return page;
	}

	private Object refusal(Refusal refusal, String title, HandlerMethod handler, HttpServletRequest request,
			Actor actor) {
		if (answersJson(handler)) {
			return answer(Problem.of(refusal.status(), title, refusal.message()));
		}
		return refused(refusal, request, actor, "console/refused");
	}

	/** The registered page showing the refusal, or else {@code fallback} saying what was refused. */
	private ModelAndView refused(Refusal refusal, HttpServletRequest request, Actor actor, String fallback) {
		if (!(request.getAttribute(REFUSAL_PAGE) instanceof Registered registered)) {
			ModelAndView page = page(fallback, refusal.status(), actor);
			page.addObject("errors", refusal.errors());
			page.addObject("refusal", refusal);
			return page;
		}
		String view = registered.page().show(refusal);
		if (view.startsWith("redirect:")) {
			if (registered.model() instanceof RedirectAttributes redirect) {
				RequestContextUtils.getOutputFlashMap(request).putAll(redirect.getFlashAttributes());
			}
			return new ModelAndView(view);
		}
		ModelAndView page = new ModelAndView(view, registered.model().asMap());
		page.setStatus(refusal.status());
		return page;
	}

	/** A console page of its own, with what every page has (exception handlers get no model attributes). */
	private static ModelAndView page(String view, HttpStatus status, Actor actor) {
		ModelAndView page = new ModelAndView(view);
		page.addObject("viewer", Viewer.of(actor));
		page.addObject("times", TIMES);
		page.addObject("display", DISPLAY);
		page.setStatus(status);
		return page;
	}

	/** Whether the handler answers JSON to the console's script rather than a page. */
	private static boolean answersJson(HandlerMethod handler) {
		return handler != null && (handler.hasMethodAnnotation(ResponseBody.class)
				|| AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)
				|| HttpEntity.class.isAssignableFrom(handler.getReturnType().getParameterType()));
	}

	/**
	 * A problem for the console's own script, which reads its title, detail and errors: the body Spring's
	 * {@link ProblemDetail} has, untyped as the console has always answered ({@code about:blank}, left out).
	 */
	static ResponseEntity<ProblemDetail> answer(Problem problem) {
		ProblemDetail body = problem.detail();
		body.setType(null);
		return problem.response().body(body);
	}
}
