package io.parley.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageHeaderTest {

	@Test
	void readsPngSize() throws Exception {
		assertThat(ImageHeader.read(ImageFormat.PNG, TestImages.png(300, 200))).isEqualTo(new ImageHeader(300, 200, 300, 200));
	}

	@Test
	void readsAHugePngSizeWithoutDecoding() throws Exception {
		ImageHeader header = ImageHeader.read(ImageFormat.PNG, TestImages.pngClaiming(100_000, 100_000));
		assertThat(header.width()).isEqualTo(100_000);
		assertThat(header.height()).isEqualTo(100_000);
		// Beyond a signed int: read as unsigned, so it cannot pass for a small or negative size.
		assertThat(ImageHeader.read(ImageFormat.PNG, TestImages.pngClaiming(0xFFFFFFFF, 1)).width()).isEqualTo(4_294_967_295L);
	}

	@Test
	void readsJpegSizeFromItsFrameHeader() throws Exception {
		assertThat(ImageHeader.read(ImageFormat.JPEG, TestImages.jpeg(300, 200))).isEqualTo(new ImageHeader(300, 200, 300, 200));
	}

	@Test
	void readsGifSize() throws Exception {
		assertThat(ImageHeader.read(ImageFormat.GIF, TestImages.gif(300, 200))).isEqualTo(new ImageHeader(300, 200, 300, 200));
	}

	@Test
	void seesAGifFrameLargerThanItsScreen() throws Exception {
		byte[] gif = TestImages.gif(30, 20);
		int descriptor = indexOfImageDescriptor(gif);
		gif[descriptor + 5] = (byte) 0x50; // frame width 0x4E50 = 20048, little-endian
		gif[descriptor + 6] = (byte) 0x4E;
		ImageHeader header = ImageHeader.read(ImageFormat.GIF, gif);
		assertThat(header.width()).isEqualTo(30);
		assertThat(header.largestWidth()).isEqualTo(0x4E50);
	}

	@Test
	void readsLosslessWebpSize() throws Exception {
		assertThat(ImageHeader.read(ImageFormat.WEBP, TestImages.webpLossless(300, 200, 0xFF0B5FFF)))
			.isEqualTo(new ImageHeader(300, 200, 300, 200));
	}

	@Test
	void readsLossyWebpSize() throws Exception {
		assertThat(ImageHeader.read(ImageFormat.WEBP, TestImages.WEBP_LOSSY_1X1)).isEqualTo(new ImageHeader(1, 1, 1, 1));
	}

	@Test
	void readsExtendedWebpCanvasAndSeesALargerBitstream() throws Exception {
		assertThat(ImageHeader.read(ImageFormat.WEBP, TestImages.webpExtended(300, 200, 300, 200, 0xFF00FF00)))
			.isEqualTo(new ImageHeader(300, 200, 300, 200));
		assertThat(ImageHeader.read(ImageFormat.WEBP, TestImages.webpExtended(10, 10, 9000, 16, 0xFF00FF00)))
			.isEqualTo(new ImageHeader(10, 10, 9000, 16));
	}

	@Test
	void refusesFilesCutShortInTheHeader() {
		assertThatThrownBy(() -> ImageHeader.read(ImageFormat.PNG, TestImages.cut(TestImages.png(3, 2), 20)))
			.isInstanceOf(ImageHeader.MalformedException.class);
		assertThatThrownBy(() -> ImageHeader.read(ImageFormat.JPEG, TestImages.cut(TestImages.jpeg(3, 2), 30)))
			.isInstanceOf(ImageHeader.MalformedException.class);
		byte[] gif = TestImages.gif(30, 20);
		assertThatThrownBy(() -> ImageHeader.read(ImageFormat.GIF, TestImages.cut(gif, gif.length - 5)))
			.isInstanceOf(ImageHeader.MalformedException.class);
		byte[] webp = TestImages.webpLossless(30, 20, 0);
		assertThatThrownBy(() -> ImageHeader.read(ImageFormat.WEBP, TestImages.cut(webp, webp.length - 2)))
			.isInstanceOf(ImageHeader.MalformedException.class);
	}

	@Test
	void refusesAnEmptySize() {
		assertThatThrownBy(() -> ImageHeader.read(ImageFormat.PNG, TestImages.pngClaiming(0, 10)))
			.isInstanceOf(ImageHeader.MalformedException.class)
			.hasMessageContaining("empty");
	}

	@Test
	void ignoresATailAfterTheGifTrailer() throws Exception {
		byte[] gif = TestImages.concat(TestImages.gif(30, 20), "<script>alert(1)</script>".getBytes());
		assertThat(ImageHeader.read(ImageFormat.GIF, gif)).isEqualTo(new ImageHeader(30, 20, 30, 20));
	}

	private static int indexOfImageDescriptor(byte[] gif) throws Exception {
		// The JDK's GIF writer puts a graphic control extension (8 bytes) or none before the first descriptor.
		int pos = 13 + ((gif[10] & 0x80) == 0 ? 0 : 3 * (1 << ((gif[10] & 7) + 1)));
		while (gif[pos] == 0x21) {
			pos += 2;
			while (gif[pos] != 0) {
				pos += 1 + (gif[pos] & 0xFF);
			}
			pos++;
		}
		assertThat(gif[pos]).isEqualTo((byte) 0x2C);
		return pos;
	}
}
