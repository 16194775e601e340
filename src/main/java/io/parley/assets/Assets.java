package io.parley.assets;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What other modules ask of assets: whether one belongs to a tenant, and where it is served. */
@Service
public class Assets {

	private final JdbcClient jdbc;

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
}
