package io.parley.assets.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.parley.shared.InvalidInputException;
import io.parley.accounts.Actor;
import io.parley.assets.Asset;
import io.parley.assets.Assets;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

/**
 * Uploading images (ADMIN) and describing them to their tenant. A file that is not an accepted image answers 415; one
 * that is too many bytes 413; one with too many pixels, or damaged or cut short so that it does not decode, 400 with
 * the field {@code file}.
 */
@RestController
@RequestMapping("/api/v1/assets")
class AssetController {

	private final Assets assets;

	AssetController(Assets assets) {
		this.assets = assets;
	}

	record AssetResponse(UUID id, String contentType, int width, int height, int bytes, String sha256, String url) {

		static AssetResponse of(Asset asset) {
			return new AssetResponse(asset.id(), asset.contentType(), asset.width(), asset.height(), asset.bytes(),
					asset.sha256(), asset.url());
		}
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<AssetResponse> upload(Actor actor, @RequestPart(name = "file", required = false) MultipartFile file,
			HttpServletRequest request) throws IOException, ServletException {
		Asset asset = assets.store(actor, content(file, request));
		return ResponseEntity.created(URI.create("/api/v1/assets/" + asset.id())).body(AssetResponse.of(asset));
	}

	@GetMapping("/{id}")
	AssetResponse get(Actor actor, @PathVariable UUID id) {
		return AssetResponse.of(assets.get(actor, id));
	}

	private static byte[] content(MultipartFile file, HttpServletRequest request) throws IOException, ServletException {
		// A part sent without a file name is not a MultipartFile to Spring, but its bytes are what count.
		Part part = file == null ? request.getPart("file") : null;
		if (file == null && part == null) {
			throw new InvalidInputException("file", "is required: send the image as the multipart part 'file'");
		}
		// One byte more than allowed is enough to know it is too large, whatever the multipart limits say.
		try (InputStream in = file != null ? file.getInputStream() : part.getInputStream()) {
			return in.readNBytes(Assets.MAX_BYTES + 1);
		}
	}
}
