package io.parley.accounts;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The business units that own everything else. */
@Repository
class Tenants {

	private final JdbcClient jdbc;

	Tenants(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<UUID> findByName(String name) {
		return jdbc.sql("select id from tenant where name = ?").param(name).query(UUID.class).optional();
	}

	UUID create(String name) {
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into tenant (id, name) values (?, ?)").params(id, name).update();
		return id;
	}
}
