package io.parley.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.junit.jupiter.api.Test;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;

import io.parley.HostileInputs;
import io.parley.shared.InvalidInputException;

class ImageInspectorTest {

	private final ImageInspector inspector = new ImageInspector(4096);

	@Test
	void acceptsEachFormatWithItsSize() {
		assertThat(inspector.inspect(TestImages.png(300, 200))).isEqualTo(new ImageInspector.Inspected(ImageFormat.PNG, 300, 200));
		assertThat(inspector.inspect(TestImages.jpeg(300, 200))).isEqualTo(new ImageInspector.Inspected(ImageFormat.JPEG, 300, 200));
		assertThat(inspector.inspect(TestImages.gif(300, 200))).isEqualTo(new ImageInspector.Inspected(ImageFormat.GIF, 300, 200));
		assertThat(inspector.inspect(TestImages.webpLossless(300, 200, 0xFF0B5FFF)))
			.isEqualTo(new ImageInspector.Inspected(ImageFormat.WEBP, 300, 200));
		assertThat(inspector.inspect(TestImages.webpExtended(300, 200, 300, 200, 0xFF0B5FFF)))
			.isEqualTo(new ImageInspector.Inspected(ImageFormat.WEBP, 300, 200));
		assertThat(inspector.inspect(TestImages.WEBP_LOSSY_1X1)).isEqualTo(new ImageInspector.Inspected(ImageFormat.WEBP, 1, 1));
	}

	@Test
	void handMadeWebpDecodesToItsSizeAndColour() throws Exception {
		ImageReader reader = new WebPImageReaderSpi().createReaderInstance(null);
		reader.setInput(new MemoryCacheImageInputStream(
				new ByteArrayInputStream(TestImages.webpExtended(7, 5, 7, 5, 0xFF0B5FFF))));
		BufferedImage image = reader.read(0);
		assertThat(image.getWidth()).isEqualTo(7);
		assertThat(image.getHeight()).isEqualTo(5);
		assertThat(image.getRGB(6, 4)).isEqualTo(0xFF0B5FFF);
	}

	@Test
	void acceptsTheLargestAllowedSize() {
		assertThat(inspector.inspect(TestImages.png(4096, 1)).width()).isEqualTo(4096);
		assertThat(inspector.inspect(TestImages.webpLossless(1, 4096, 0xFF000000)).height()).isEqualTo(4096);
	}

	@Test
	void refusesMoreThanTheLargestSizeBeforeDecoding() {
		// The file holds 4×4 pixels of data: had it been decoded, it would fail as damaged, not as too large.
		assertThatThrownBy(() -> inspector.inspect(TestImages.pngClaiming(100_000, 100_000)))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("100000×100000 pixels")
			.hasMessageContaining("at most 4096×4096");
		assertThatThrownBy(() -> inspector.inspect(TestImages.png(4097, 1))).hasMessageContaining("4097×1 pixels");
		assertThatThrownBy(() -> inspector.inspect(TestImages.webpExtended(10, 10, 9000, 16, 0xFF000000)))
			.hasMessageContaining("9000×16 pixels");
	}

	@Test
	void refusesMarkupWhateverItIsCalled() {
		assertThatThrownBy(() -> inspector.inspect(HostileInputs.upload("svg_as_png").getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(UnsupportedImageException.class)
			.hasMessageContaining("markup")
			.hasMessageContaining("PNG, JPEG, GIF and WebP");
		assertThatThrownBy(() -> inspector.inspect("hello".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(UnsupportedImageException.class)
			.hasMessageContaining("PNG, JPEG, GIF and WebP");
	}

	@Test
	void refusesAnEmptyFile() {
		assertThatThrownBy(() -> inspector.inspect(new byte[0])).isInstanceOf(UnsupportedImageException.class)
			.hasMessageContaining("empty");
	}

	@Test
	void refusesATruncatedPng() {
		byte[] png = TestImages.noisyPng(300, 300, 1);
		assertThatThrownBy(() -> inspector.inspect(TestImages.cut(png, png.length / 2)))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("PNG file that cannot be read");
	}

	@Test
	void refusesAPngCutInItsLastRowsEvenWhenDecodedSubsampled() {
		byte[] png = TestImages.noisyPng(3000, 40, 2);
		assertThatThrownBy(() -> inspector.inspect(TestImages.cut(png, png.length - 400)))
			.isInstanceOf(InvalidInputException.class);
	}

	@Test
	void refusesATruncatedJpeg() {
		byte[] jpeg = TestImages.noisyJpeg(300, 300, 3);
		assertThatThrownBy(() -> inspector.inspect(TestImages.cut(jpeg, jpeg.length / 2)))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("JPEG file that cannot be read");
	}

	@Test
	void refusesATruncatedGif() {
		byte[] gif = TestImages.gif(300, 300);
		assertThatThrownBy(() -> inspector.inspect(TestImages.cut(gif, gif.length / 2)))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("GIF file that cannot be read");
	}

	@Test
	void refusesATruncatedWebp() {
		byte[] webp = TestImages.webpLossless(300, 200, 0xFF0B5FFF);
		assertThatThrownBy(() -> inspector.inspect(TestImages.cut(webp, webp.length - 3)))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("WebP file that cannot be read");
	}

	@Test
	void refusesAPngWhoseImageDataIsGarbage() {
		byte[] png = TestImages.noisyPng(50, 50, 4);
		for (int i = 60; i < png.length - 20; i++) {
			png[i] = (byte) 0xA5;
		}
		assertThatThrownBy(() -> inspector.inspect(png)).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void acceptsAGifWithAScriptTail() {
		byte[] gif = TestImages.concat(TestImages.gif(30, 20), "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
		assertThat(inspector.inspect(gif)).isEqualTo(new ImageInspector.Inspected(ImageFormat.GIF, 30, 20));
	}
}
