package io.parley.assets;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;

import io.parley.shared.InvalidInputException;

/**
 * Decides whether bytes are an image Parley accepts: the format from the magic number, the size from the header
 * (refused above the limit before any decoding), then a real decode, so that a truncated or corrupt file is refused
 * rather than served broken.
 */
class ImageInspector {

	/** An accepted image: its format and the size it declares. */
	record Inspected(ImageFormat format, int width, int height) {
	}

	// Decoding is subsampled to at most this many pixels per side: every byte is still decoded, but memory stays small.
	private static final int DECODE_SIDE = 1024;

	// A decoder may still need tens of MiB of native or heap memory for a large progressive image; bound how many run.
	private static final Semaphore DECODING = new Semaphore(2, true);

	private final int maxSide;

	ImageInspector(int maxSide) {
		this.maxSide = maxSide;
	}

	Inspected inspect(byte[] bytes) {
		if (bytes.length == 0) {
			throw new UnsupportedImageException("The file is empty. Only " + ImageFormat.ACCEPTED + " images are accepted.");
		}
		ImageFormat format = ImageFormat.detect(bytes).orElseThrow(() -> new UnsupportedImageException(
				(ImageFormat.looksLikeMarkup(bytes) ? "The file is markup (SVG, HTML or XML), not an image. " : "The file is not an image Parley accepts. ")
						+ "Only " + ImageFormat.ACCEPTED + " images are accepted, recognised by their content, not by "
						+ "their name or declared type."));
		ImageHeader header;
		try {
			header = ImageHeader.read(format, bytes);
		}
		catch (ImageHeader.MalformedException e) {
			throw unreadable(format, e.getMessage());
		}
		checkSize(header.width(), header.height());
		checkSize(header.largestWidth(), header.largestHeight());
		decode(format, bytes);
		return new Inspected(format, (int) header.width(), (int) header.height());
	}

	private void checkSize(long width, long height) {
		if (width > maxSide || height > maxSide) {
			throw new InvalidInputException("file", "is " + width + "×" + height + " pixels; an image may be at most "
					+ maxSide + "×" + maxSide + " pixels");
		}
	}

	private void decode(ImageFormat format, byte[] bytes) {
		DECODING.acquireUninterruptibly();
		ImageReader reader = reader(format);
		try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
			List<String> warnings = new ArrayList<>();
			reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
			reader.setInput(in, true, true);
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			// The decoder's own view of the size must also be within the limit before it allocates anything.
			checkSize(width, height);
			ImageReadParam param = reader.getDefaultReadParam();
			int step = Math.max(1, (Math.max(width, height) + DECODE_SIDE - 1) / DECODE_SIDE);
			param.setSourceSubsampling(step, step, 0, 0);
			BufferedImage image = reader.read(0, param);
			// Decoders report a cut-short file as a warning (JPEG: "Premature end of JPEG file") and fill in grey.
			if (image == null || !warnings.isEmpty()) {
				throw unreadable(format, warnings.isEmpty() ? "it holds no image" : "it is damaged or cut short");
			}
		}
		catch (IOException | RuntimeException e) {
			if (e instanceof InvalidInputException invalid) {
				throw invalid;
			}
			throw unreadable(format, "it is damaged or cut short");
		}
		finally {
			reader.dispose();
			DECODING.release();
		}
	}

	private static ImageReader reader(ImageFormat format) {
		if (format == ImageFormat.WEBP) {
			// Created directly rather than through ImageIO's registry, which may have been filled before the plugin
			// was on the class path (nested jars of a Spring Boot fat jar).
			return new WebPImageReaderSpi().createReaderInstance(null);
		}
		Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase());
		if (!readers.hasNext()) {
			throw new IllegalStateException("No ImageIO reader for " + format);
		}
		return readers.next();
	}

	private static InvalidInputException unreadable(ImageFormat format, String why) {
		return new InvalidInputException("file", "is a " + (format == ImageFormat.WEBP ? "WebP" : format.name())
				+ " file that cannot be read: " + why);
	}
}
