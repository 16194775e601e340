package io.parley.assets;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/** Real image files made in memory for tests: with ImageIO where it can write the format, by hand for WebP. */
public final class TestImages {

	/**
	 * A 1×1 lossy (VP8) WebP, the one browsers' WebP feature detection uses (Modernizr), small enough to embed.
	 */
	public static final byte[] WEBP_LOSSY_1X1 = Base64.getDecoder()
		.decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");

	private TestImages() {
	}

	public static byte[] png(int width, int height) {
		return write(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
	}

	public static byte[] jpeg(int width, int height) {
		return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
	}

	public static byte[] gif(int width, int height) {
		return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "gif");
	}

	/** A wordmark logo: a rounded badge and a name, on a transparent background. */
	public static byte[] logo(String name, Color color) {
		Font font = new Font(Font.SANS_SERIF, Font.BOLD, 34);
		BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
		int textWidth = probe.createGraphics().getFontMetrics(font).stringWidth(name);
		BufferedImage image = new BufferedImage(64 + textWidth + 8, 64, BufferedImage.TYPE_INT_ARGB);
		Graphics2D g = graphics(image);
		g.setColor(color);
		g.fillRoundRect(2, 6, 52, 52, 16, 16);
		g.setColor(Color.WHITE);
		g.setStroke(new BasicStroke(5, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
		g.drawArc(14, 18, 28, 28, 200, 280);
		g.setColor(color);
		g.setFont(font);
		g.drawString(name, 64, 45);
		g.dispose();
		return write(image, "png");
	}

	/** A hero picture: a soft gradient with a few shapes, like a banner. */
	public static byte[] hero(Color from, Color to) {
		BufferedImage image = new BufferedImage(600, 260, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = graphics(image);
		g.setPaint(new GradientPaint(0, 0, from, 600, 260, to));
		g.fillRect(0, 0, 600, 260);
		g.setColor(new Color(255, 255, 255, 70));
		g.fillOval(360, -60, 300, 300);
		g.fillOval(-80, 150, 220, 220);
		g.setColor(new Color(255, 255, 255, 210));
		g.fillRoundRect(170, 80, 260, 110, 28, 28);
		g.setColor(from.darker());
		g.fillOval(200, 112, 46, 46);
		g.fillRoundRect(262, 112, 140, 16, 8, 8);
		g.fillRoundRect(262, 140, 100, 16, 8, 8);
		g.dispose();
		return write(image, "png");
	}

	private static Graphics2D graphics(BufferedImage image) {
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		return g;
	}

	/** A PNG of random pixels, which does not compress: about {@code 3 × width × height} bytes. */
	public static byte[] noisyPng(int width, int height, long seed) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(seed);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		return write(image, "png");
	}

	/** A JPEG of random pixels, so that its scan data is long. */
	public static byte[] noisyJpeg(int width, int height, long seed) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(seed);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		return write(image, "jpeg");
	}

	/** A valid small PNG whose header (with a correct CRC) claims another size: a decompression bomb's header. */
	public static byte[] pngClaiming(int width, int height) {
		byte[] png = png(4, 4);
		ByteBuffer buffer = ByteBuffer.wrap(png).order(ByteOrder.BIG_ENDIAN);
		buffer.putInt(16, width);
		buffer.putInt(20, height);
		CRC32 crc = new CRC32();
		crc.update(png, 12, 17);
		buffer.putInt(29, (int) crc.getValue());
		return png;
	}

	/** A lossless (VP8L) WebP of one colour, written bit by bit following RFC 9649. */
	public static byte[] webpLossless(int width, int height, int argb) {
		return riff(chunk("VP8L", vp8l(width, height, argb)));
	}

	/** An extended (VP8X) WebP: a canvas header followed by a lossless bitstream. */
	public static byte[] webpExtended(int canvasWidth, int canvasHeight, int width, int height, int argb) {
		byte[] vp8x = new byte[10];
		putU24(vp8x, 4, canvasWidth - 1);
		putU24(vp8x, 7, canvasHeight - 1);
		return riff(concat(chunk("VP8X", vp8x), chunk("VP8L", vp8l(width, height, argb))));
	}

	/** The first {@code length} bytes. */
	public static byte[] cut(byte[] bytes, int length) {
		return Arrays.copyOf(bytes, length);
	}

	public static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static byte[] vp8l(int width, int height, int argb) {
		Bits bits = new Bits();
		bits.write(0x2F, 8);
		bits.write(width - 1, 14);
		bits.write(height - 1, 14);
		bits.write(1, 1); // alpha is used
		bits.write(0, 3); // version
		bits.write(0, 1); // no transform
		bits.write(0, 1); // no colour cache
		bits.write(0, 1); // no meta prefix codes
		// Five simple prefix codes of one symbol each (green, red, blue, alpha, distance): every pixel then takes
		// zero bits, so an image of any size is this short.
		int[] symbols = { (argb >>> 8) & 0xFF, (argb >>> 16) & 0xFF, argb & 0xFF, (argb >>> 24) & 0xFF, 0 };
		for (int symbol : symbols) {
			bits.write(1, 1); // simple code
			bits.write(0, 1); // one symbol
			bits.write(1, 1); // the symbol takes 8 bits
			bits.write(symbol, 8);
		}
		return bits.bytes();
	}

	private static final class Bits {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();
		private int current;
		private int used;

		void write(int value, int count) {
			for (int i = 0; i < count; i++) {
				current |= ((value >>> i) & 1) << used;
				if (++used == 8) {
					out.write(current);
					current = 0;
					used = 0;
				}
			}
		}

		byte[] bytes() {
			if (used > 0) {
				out.write(current);
			}
			return out.toByteArray();
		}
	}

	private static byte[] riff(byte[] chunks) {
		byte[] header = new byte[12];
		System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, header, 0, 4);
		ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 4 + chunks.length);
		System.arraycopy("WEBP".getBytes(StandardCharsets.US_ASCII), 0, header, 8, 4);
		return concat(header, chunks);
	}

	private static byte[] chunk(String fourcc, byte[] payload) {
		byte[] header = new byte[8];
		System.arraycopy(fourcc.getBytes(StandardCharsets.US_ASCII), 0, header, 0, 4);
		ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(4, payload.length);
		return concat(header, payload, new byte[payload.length % 2]);
	}

	private static void putU24(byte[] bytes, int offset, int value) {
		bytes[offset] = (byte) value;
		bytes[offset + 1] = (byte) (value >>> 8);
		bytes[offset + 2] = (byte) (value >>> 16);
	}

	private static BufferedImage picture(int width, int height, int type) {
		BufferedImage image = new BufferedImage(width, height, type);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(0x0B5FFF));
		g.fillRect(0, 0, width, height);
		g.setColor(Color.WHITE);
		g.fillOval(width / 4, height / 4, Math.max(1, width / 2), Math.max(1, height / 2));
		g.dispose();
		return image;
	}

	private static byte[] write(BufferedImage image, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("No ImageIO writer for " + format);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}
}
