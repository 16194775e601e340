package io.parley.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.parley.shared.ListPage;
import io.parley.accounts.Actor;
import io.parley.contactpoints.PointOfContact;
import io.parley.contactpoints.PointOfContactManagement;
import io.parley.profiles.ChatProfile;
import io.parley.profiles.ChatProfileCatalog;

/**
 * The contact points module's pages of a tenant's points of contact (by name, with the API's cursors and page size)
 * as the console's tables show them: with the names of the chat profiles they show.
 */
final class PointOfContactPaging {

	private PointOfContactPaging() {
	}

	/** One point of contact as a table shows it, with the name of its profile (null: the default look). */
	record Row(PointOfContact poc, String profileName) {
	}

	/** A page of rows and the cursor of the next, null at the end. */
	record Page(List<Row> rows, String nextCursor) {
	}

	/**
	 * The module's page of points of contact whose name contains {@code q}, after {@code cursor}, leaving out those
	 * {@code skip} says; the cursor of the next page follows the points of contact read, shown or not.
	 */
	static Page page(PointOfContactManagement pocs, ChatProfileCatalog profiles, Actor actor, String q, String cursor,
			Predicate<PointOfContact> skip) {
		ListPage<PointOfContact> read = pocs.page(actor, q, null, cursor, ListPage.DEFAULT_LIMIT);
		List<PointOfContact> shown = read.items().stream().filter(Predicate.not(skip)).toList();
		return new Page(rows(profiles, actor, shown), read.nextCursor());
	}

	static List<Row> rows(ChatProfileCatalog profiles, Actor actor, List<PointOfContact> pocs) {
		Map<UUID, String> names = new HashMap<>();
		List<Row> rows = new ArrayList<>();
		for (PointOfContact poc : pocs) {
			String name = poc.chatProfileId() == null ? null : names.computeIfAbsent(poc.chatProfileId(),
					id -> profiles.find(actor.tenantId(), id).map(ChatProfile::name).orElse(null));
			rows.add(new Row(poc, name));
		}
		return rows;
	}
}
