package io.parley.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.parley.HostileInputs;

class ImageFormatTest {

	@Test
	void detectsEachAcceptedFormatFromItsBytes() {
		assertThat(ImageFormat.detect(TestImages.png(3, 2))).contains(ImageFormat.PNG);
		assertThat(ImageFormat.detect(TestImages.jpeg(3, 2))).contains(ImageFormat.JPEG);
		assertThat(ImageFormat.detect(TestImages.gif(3, 2))).contains(ImageFormat.GIF);
		assertThat(ImageFormat.detect(TestImages.webpLossless(3, 2, 0xFF0B5FFF))).contains(ImageFormat.WEBP);
		assertThat(ImageFormat.detect(TestImages.WEBP_LOSSY_1X1)).contains(ImageFormat.WEBP);
	}

	@Test
	void refusesMarkupTextAndNothing() {
		byte[] svg = HostileInputs.upload("svg_as_png").getBytes(StandardCharsets.UTF_8);
		byte[] html = HostileInputs.upload("html_as_jpeg").getBytes(StandardCharsets.UTF_8);
		assertThat(ImageFormat.detect(svg)).isEmpty();
		assertThat(ImageFormat.detect(html)).isEmpty();
		assertThat(ImageFormat.detect("just some text".getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThat(ImageFormat.detect(new byte[0])).isEmpty();
		assertThat(ImageFormat.looksLikeMarkup(svg)).isTrue();
		assertThat(ImageFormat.looksLikeMarkup(("\uFEFF  " + new String(html, StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.UTF_8))).isTrue();
		assertThat(ImageFormat.looksLikeMarkup("plain".getBytes(StandardCharsets.UTF_8))).isFalse();
	}

	@Test
	void refusesPrefixesThatOnlyStartLikeAnImage() {
		assertThat(ImageFormat.detect(new byte[] { (byte) 0x89, 'P', 'N', 'G' })).isEmpty();
		assertThat(ImageFormat.detect(new byte[] { (byte) 0xFF, (byte) 0xD8 })).isEmpty();
		assertThat(ImageFormat.detect("GIF88a".getBytes(StandardCharsets.US_ASCII))).isEmpty();
		assertThat(ImageFormat.detect("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII))).isEmpty();
	}
}
