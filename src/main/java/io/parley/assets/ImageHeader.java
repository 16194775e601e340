package io.parley.assets;

import java.nio.charset.StandardCharsets;

/**
 * The dimensions an image declares in its header, read without decoding a pixel, so that a file claiming a huge
 * canvas (a decompression bomb) is refused before any decoder allocates memory for it.
 *
 * @param width the width to report (the canvas or logical screen)
 * @param height the height to report
 * @param largestWidth the largest width of anything in the file a decoder may allocate (canvas, frames, bitstreams)
 * @param largestHeight the largest such height
 */
record ImageHeader(long width, long height, long largestWidth, long largestHeight) {

	/** The file is cut short or its header is not what its format prescribes. */
	static final class MalformedException extends Exception {

		MalformedException(String message) {
			super(message, null, false, false);
		}
	}

	static ImageHeader read(ImageFormat format, byte[] bytes) throws MalformedException {
		Bytes b = new Bytes(bytes);
		return switch (format) {
			case PNG -> png(b);
			case JPEG -> jpeg(b);
			case GIF -> gif(b);
			case WEBP -> webp(b);
		};
	}

	private static ImageHeader png(Bytes b) throws MalformedException {
		if (b.u32be(8) != 13 || !"IHDR".equals(b.ascii(12, 4))) {
			throw new MalformedException("its PNG header (IHDR) is missing");
		}
		return of(b.u32be(16), b.u32be(20));
	}

	private static ImageHeader jpeg(Bytes b) throws MalformedException {
		int pos = 2;
		while (true) {
			if (b.u8(pos) != 0xFF) {
				throw new MalformedException("its JPEG markers are broken");
			}
			while (b.u8(pos) == 0xFF) {
				pos++;
			}
			int marker = b.u8(pos++);
			boolean standalone = marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7);
			if (standalone) {
				continue;
			}
			if (marker == 0xD9 || marker == 0xDA) {
				throw new MalformedException("its JPEG header has no frame size");
			}
			int length = b.u16be(pos);
			if (length < 2) {
				throw new MalformedException("its JPEG markers are broken");
			}
			boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
					&& marker != 0xCC;
			if (startOfFrame) {
				// A height of 0 defers it to a DNL marker after the scan: not something a logo needs.
				return of(b.u16be(pos + 5), b.u16be(pos + 3));
			}
			pos += length;
		}
	}

	private static ImageHeader gif(Bytes b) throws MalformedException {
		long screenWidth = b.u16le(6);
		long screenHeight = b.u16le(8);
		int packed = b.u8(10);
		int pos = 13 + colourTableSize(packed);
		long firstWidth = 0;
		long firstHeight = 0;
		long largestWidth = screenWidth;
		long largestHeight = screenHeight;
		boolean sawImage = false;
		// Walking every block finds each frame's own size and a file cut short inside any frame.
		while (pos < b.length()) {
			int block = b.u8(pos++);
			if (block == 0x3B) {
				break;
			}
			if (block == 0x21) {
				pos = skipSubBlocks(b, pos + 1);
			}
			else if (block == 0x2C) {
				long frameWidth = b.u16le(pos + 4);
				long frameHeight = b.u16le(pos + 6);
				int framePacked = b.u8(pos + 8);
				if (!sawImage) {
					firstWidth = frameWidth;
					firstHeight = frameHeight;
					sawImage = true;
				}
				largestWidth = Math.max(largestWidth, frameWidth);
				largestHeight = Math.max(largestHeight, frameHeight);
				pos += 9 + colourTableSize(framePacked);
				b.u8(pos);
				pos = skipSubBlocks(b, pos + 1);
			}
			else {
				throw new MalformedException("its GIF blocks are broken");
			}
		}
		if (!sawImage) {
			throw new MalformedException("it holds no GIF image");
		}
		boolean screenGiven = screenWidth > 0 && screenHeight > 0;
		long width = screenGiven ? screenWidth : firstWidth;
		long height = screenGiven ? screenHeight : firstHeight;
		if (width == 0 || height == 0) {
			throw new MalformedException("it declares an empty image");
		}
		return new ImageHeader(width, height, largestWidth, largestHeight);
	}

	private static int colourTableSize(int packed) {
		return (packed & 0x80) == 0 ? 0 : 3 * (1 << ((packed & 0x07) + 1));
	}

	private static int skipSubBlocks(Bytes b, int pos) throws MalformedException {
		while (true) {
			int size = b.u8(pos);
			pos += 1 + size;
			if (size == 0) {
				return pos;
			}
			if (pos > b.length()) {
				throw new MalformedException("it is cut short");
			}
		}
	}

	private static ImageHeader webp(Bytes b) throws MalformedException {
		long riffEnd = 8 + b.u32le(4);
		if (riffEnd > b.length()) {
			throw new MalformedException("it is cut short");
		}
		Sizes sizes = new Sizes();
		webpChunks(b, 12, (int) riffEnd, sizes);
		if (!sizes.sawBitstream) {
			throw new MalformedException("it holds no WebP image data");
		}
		long width = sizes.canvasWidth > 0 ? sizes.canvasWidth : sizes.firstWidth;
		long height = sizes.canvasHeight > 0 ? sizes.canvasHeight : sizes.firstHeight;
		return new ImageHeader(width, height, Math.max(width, sizes.largestWidth), Math.max(height, sizes.largestHeight));
	}

	private static final class Sizes {

		long canvasWidth;
		long canvasHeight;
		long firstWidth;
		long firstHeight;
		long largestWidth;
		long largestHeight;
		boolean sawBitstream;

		void add(long width, long height, boolean bitstream) throws MalformedException {
			if (width == 0 || height == 0) {
				throw new MalformedException("it declares an empty image");
			}
			if (bitstream && !sawBitstream) {
				firstWidth = width;
				firstHeight = height;
				sawBitstream = true;
			}
			largestWidth = Math.max(largestWidth, width);
			largestHeight = Math.max(largestHeight, height);
		}
	}

	// An extended (VP8X) file may declare a small canvas and carry larger bitstreams or animation frames: check them all.
	private static void webpChunks(Bytes b, int pos, int end, Sizes sizes) throws MalformedException {
		while (pos + 8 <= end) {
			String fourcc = b.ascii(pos, 4);
			long size = b.u32le(pos + 4);
			int payload = pos + 8;
			if (payload + size > end) {
				throw new MalformedException("it is cut short");
			}
			switch (fourcc) {
				case "VP8X" -> {
					sizes.canvasWidth = b.u24le(payload + 4) + 1;
					sizes.canvasHeight = b.u24le(payload + 7) + 1;
					sizes.add(sizes.canvasWidth, sizes.canvasHeight, false);
				}
				case "VP8 " -> {
					if (b.u8(payload + 3) != 0x9D || b.u8(payload + 4) != 0x01 || b.u8(payload + 5) != 0x2A) {
						throw new MalformedException("its VP8 frame header is broken");
					}
					sizes.add(b.u16le(payload + 6) & 0x3FFF, b.u16le(payload + 8) & 0x3FFF, true);
				}
				case "VP8L" -> {
					if (b.u8(payload) != 0x2F) {
						throw new MalformedException("its VP8L header is broken");
					}
					long bits = b.u32le(payload + 1);
					sizes.add((bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1, true);
				}
				case "ANMF" -> {
					sizes.add(b.u24le(payload + 6) + 1, b.u24le(payload + 9) + 1, false);
					webpChunks(b, payload + 16, (int) (payload + size), sizes);
				}
				default -> {
					// ICCP, ALPH, ANIM, EXIF, XMP and unknown chunks carry no size of their own.
				}
			}
			pos = (int) (payload + size + (size & 1));
		}
	}

	private static ImageHeader of(long width, long height) throws MalformedException {
		if (width == 0 || height == 0) {
			throw new MalformedException("it declares an empty image");
		}
		return new ImageHeader(width, height, width, height);
	}

	/** Bounds-checked reads: reading past the end means the file is cut short. */
	private record Bytes(byte[] data) {

		int length() {
			return data.length;
		}

		int u8(int pos) throws MalformedException {
			if (pos < 0 || pos >= data.length) {
				throw new MalformedException("it is cut short");
			}
			return data[pos] & 0xFF;
		}

		int u16be(int pos) throws MalformedException {
			return u8(pos) << 8 | u8(pos + 1);
		}

		int u16le(int pos) throws MalformedException {
			return u8(pos) | u8(pos + 1) << 8;
		}

		long u24le(int pos) throws MalformedException {
			return u8(pos) | u8(pos + 1) << 8 | (long) u8(pos + 2) << 16;
		}

		long u32be(int pos) throws MalformedException {
			return (long) u8(pos) << 24 | u8(pos + 1) << 16 | u8(pos + 2) << 8 | u8(pos + 3);
		}

		long u32le(int pos) throws MalformedException {
			return u8(pos) | u8(pos + 1) << 8 | u8(pos + 2) << 16 | (long) u8(pos + 3) << 24;
		}

		String ascii(int pos, int length) throws MalformedException {
			u8(pos + length - 1);
			return new String(data, pos, length, StandardCharsets.US_ASCII);
		}
	}
}
