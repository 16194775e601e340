package io.parley.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

import io.parley.shared.FieldViolation;
import io.parley.shared.InvalidInputException;
import io.parley.http.Problem;
import io.parley.accounts.Actor;
import io.parley.assets.Asset;
import io.parley.assets.Assets;
import io.parley.assets.ImageTooLargeException;
import io.parley.assets.UnsupportedImageException;

/**
 * Images chosen in the profile editor. With script, the editor uploads a file as soon as it is chosen (to
 * {@code /console/assets}, with the session and CSRF token) and shows its thumbnail; without, the file travels with
 * the form and is stored before the form is read. Either way {@link Assets#store} checks the bytes.
 */
@Controller
class ImageUploads {

	private final Assets assets;

	ImageUploads(Assets assets) {
		this.assets = assets;
	}

	@PostMapping(path = "/console/assets", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ResponseEntity<Map<String, Object>> upload(Actor actor, @RequestParam(name = "file", required = false) MultipartFile file) {
		if (file == null || file.isEmpty()) {
			throw new InvalidInputException("file", "is required: choose an image file");
		}
		Asset asset = assets.store(actor, bytes(file));
		return ResponseEntity.status(201).body(Map.of("id", asset.id().toString(), "url", asset.url(), "width",
				asset.width(), "height", asset.height()));
	}

	/** The upload's own answer to a refused file: a problem the editor's script shows next to the input. */
	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
		return ConsoleAdvice.answer(Problem.of(HttpStatus.BAD_REQUEST, "Invalid input",
				e.violations().isEmpty() ? "Invalid input" : e.violations().get(0).message()).errors(e.violations()));
	}

	/** Stores {@code file} when one was chosen; a refused file is a violation on {@code field}. */
	UUID store(Actor actor, MultipartFile file, String field) {
		if (file == null || file.isEmpty()) {
			return null;
		}
		try {
			return assets.store(actor, bytes(file)).id();
		}
		catch (ImageTooLargeException | UnsupportedImageException e) {
			throw new InvalidInputException(field, e.getMessage());
		}
		catch (InvalidInputException e) {
			throw new InvalidInputException(e.violations().stream()
				.map(v -> new FieldViolation(field, v.message()))
				.toList());
		}
	}

	private static byte[] bytes(MultipartFile file) {
		// One byte more than allowed is enough to know it is too large.
		try (InputStream in = file.getInputStream()) {
			return in.readNBytes(Assets.MAX_BYTES + 1);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static List<String> imageFields() {
		return List.of("logoAssetId", "waitingQueue.logoAssetId", "waitingQueue.heroImageAssetId");
	}
}
