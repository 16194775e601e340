package io.parley.assets;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.parley.shared.NotFoundException;
import io.parley.accounts.Actor;

/**
 * Uploaded images: storing one after checking it by its bytes, describing one to its tenant, serving it to anyone
 * who has its id; and what other modules ask: whether one belongs to a tenant, and where it is served.
 */
@Service
public class Assets {

	/** The most bytes an image may have: 1 MiB. */
	public static final int MAX_BYTES = 1024 * 1024;

	/** The largest width and height an image may have. */
	public static final int MAX_SIDE = 4096;

	private final JdbcClient jdbc;
	private final ImageInspector inspector = new ImageInspector(MAX_SIDE);

	Assets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public boolean existsInTenant(UUID tenantId, UUID assetId) {
		return jdbc.sql("select exists (select 1 from asset where tenant_id = ? and id = ?)")
			.params(tenantId, assetId)
			.query(Boolean.class)
			.single();
	}

	/** The public path of an asset, relative to Parley's base URL. */
	public static String path(UUID assetId) {
		return "/assets/" + assetId;
	}

	/**
	 * Stores an image in the actor's tenant. The bytes alone decide: a name or declared type is never consulted.
	 *
	 * @throws ImageTooLargeException with more than {@link #MAX_BYTES} bytes
	 * @throws UnsupportedImageException when the bytes are not a PNG, JPEG, GIF or WebP image (also when empty)
	 * @throws io.parley.shared.InvalidInputException (field {@code file}) when larger than {@link #MAX_SIDE} pixels on a side,
	 * or damaged or cut short so that it does not decode
	 */
	public Asset store(Actor actor, byte[] content) {
		if (content.length > MAX_BYTES) {
			throw new ImageTooLargeException("The file is larger than " + MAX_BYTES + " bytes (1 MiB), the most an image may have.");
		}
		ImageInspector.Inspected image = inspector.inspect(content);
		Asset asset = new Asset(UUID.randomUUID(), image.format().mediaType(), image.width(), image.height(),
				content.length, sha256(content));
		jdbc.sql("""
				insert into asset (id, tenant_id, content_type, width, height, bytes, sha256, data, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(asset.id(), actor.tenantId(), asset.contentType(), asset.width(), asset.height(), asset.bytes(),
					asset.sha256(), content, actor.userId())
			.update();
		return asset;
	}

	/** An asset of the actor's tenant; another tenant's is not found. */
	public Asset get(Actor actor, UUID id) {
		return jdbc.sql("select id, content_type, width, height, bytes, sha256 from asset where tenant_id = ? and id = ?")
			.params(actor.tenantId(), id)
			.query(Asset.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("No asset " + id));
	}

	/** An asset of any tenant, for serving it publicly: its id is the only key needed. */
	public Optional<Asset> find(UUID id) {
		return jdbc.sql("select id, content_type, width, height, bytes, sha256 from asset where id = ?")
			.param(id)
			.query(Asset.class)
			.optional();
	}

	/** The bytes of an asset of any tenant. */
	public Optional<byte[]> content(UUID id) {
		return jdbc.sql("select data from asset where id = ?").param(id).query(byte[].class).optional();
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every JVM has SHA-256", e);
		}
	}
}
