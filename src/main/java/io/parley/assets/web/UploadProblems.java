package io.parley.assets.web;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import io.parley.http.Problem;
import io.parley.assets.ImageTooLargeException;
import io.parley.assets.UnsupportedImageException;

import jakarta.servlet.MultipartConfigElement;

/**
 * Problems for refused uploads. Ahead of the general handler because an upload over the multipart limits fails
 * before any controller is chosen, and the general answer would not say what the limits are.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadProblems {

	private final ObjectProvider<MultipartConfigElement> multipart;

	UploadProblems(ObjectProvider<MultipartConfigElement> multipart) {
		this.multipart = multipart;
	}

	@ExceptionHandler(UnsupportedImageException.class)
	ResponseEntity<ProblemDetail> unsupported(UnsupportedImageException e) {
		return Problem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", e.getMessage())
			.with("acceptedTypes", List.of("image/png", "image/jpeg", "image/gif", "image/webp"))
			.answer();
	}

	@ExceptionHandler(ImageTooLargeException.class)
	ResponseEntity<ProblemDetail> tooLarge(ImageTooLargeException e) {
		return Problem.of(HttpStatus.CONTENT_TOO_LARGE, "Upload too large", e.getMessage()).answer();
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ProblemDetail> overLimit(MaxUploadSizeExceededException e) {
		MultipartConfigElement limits = multipart.getIfAvailable();
		String detail = "The upload is too large.";
		if (limits != null && limits.getMaxFileSize() > 0) {
			detail += " A file may have at most " + size(limits.getMaxFileSize());
			detail += limits.getMaxRequestSize() > 0 ? " and a whole request at most " + size(limits.getMaxRequestSize()) + "." : ".";
		}
		return Problem.of(HttpStatus.CONTENT_TOO_LARGE, "Upload too large", detail).answer();
	}

	private static String size(long bytes) {
		long mib = 1024 * 1024;
		return bytes % mib == 0 ? bytes / mib + " MiB (" + bytes + " bytes)" : bytes + " bytes";
	}

}
