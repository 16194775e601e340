package io.parley.console;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.StandardMultipartHttpServletRequest;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The profile editor posted without script with an image over the multipart limits (1 MiB a file, 2 MiB a form), or
 * a form of more parts than the container reads ({@code server.tomcat.max-part-count}, sized for the largest form the
 * editor makes, so only a form made by hand gets here). The servlet container then refuses the whole body: the form
 * arrives without any of its fields, not even its CSRF token, and the first filter to read a parameter (Spring
 * Security's CSRF check) would end the request with the container's bare 413. So this filter, ahead of Spring
 * Security, reads the editor's posts first and answers such a one with a redirect back to the editor, what was
 * refused (the image's field, or the number of parts) in a flash attribute for the editor to say. The redirect
 * changes nothing, so it needs no token. Only the editor's two form addresses pass through here: the API's uploads,
 * and the editor's own script upload, keep their 413 problem.
 */
class OversizedFormUploads extends OncePerRequestFilter {

	/** The flash attribute: the path of the refused image's field, or "" when the form as a whole was too large. */
	static final String REFUSED_IMAGE = "refusedImage";

	/** The flash attribute: the most parts the container reads from one form, when the form had more. */
	static final String REFUSED_PARTS = "refusedParts";

	private static final Pattern EDITOR = Pattern.compile("/console/chat-profiles(/[0-9a-fA-F-]{36})?");
	private static final Map<String, String> FIELDS = Map.of("logoFile", "logoAssetId", "waitingQueueLogoFile",
			"waitingQueue.logoAssetId", "heroImageFile", "waitingQueue.heroImageAssetId");

	private final FlashMapManager flash;

	OversizedFormUploads(FlashMapManager flash) {
		this.flash = flash;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String type = request.getContentType();
		return !"POST".equals(request.getMethod()) || type == null
				|| !type.toLowerCase().startsWith("multipart/form-data")
				|| !EDITOR.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			// Parses the parts (the container keeps them for everyone after), with Spring's reading of its errors.
			new StandardMultipartHttpServletRequest(request);
		}
		catch (MultipartException e) {
			FileCountLimitExceededException tooManyParts = cause(e, FileCountLimitExceededException.class);
			if (tooManyParts == null && !(e instanceof MaxUploadSizeExceededException)) {
				// Neither size nor parts (a malformed body): the rest of the chain meets it as it would have.
				chain.doFilter(request, response);
				return;
			}
			Matcher editor = EDITOR.matcher(request.getRequestURI().substring(request.getContextPath().length()));
			editor.matches();
			String target = request.getContextPath() + "/console/chat-profiles"
					+ (editor.group(1) == null ? "/new" : editor.group(1));
			if (request.getSession(false) != null) {
				FlashMap refused = new FlashMap();
				if (tooManyParts != null) {
					refused.put(REFUSED_PARTS, tooManyParts.getLimit());
				}
				else {
					FileSizeLimitExceededException file = cause(e, FileSizeLimitExceededException.class);
					refused.put(REFUSED_IMAGE, file == null ? "" : FIELDS.getOrDefault(file.getFieldName(), ""));
				}
				refused.setTargetRequestPath(target);
				flash.saveOutputFlashMap(refused, request, response);
			}
			response.setStatus(HttpStatus.SEE_OTHER.value());
			response.setHeader(HttpHeaders.LOCATION, target);
			return;
		}
		chain.doFilter(request, response);
	}

	private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
		for (Throwable cause = e; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}
}
