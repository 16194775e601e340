package io.parley.accounts;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start (no user at all) creates the tenant {@code default} and its user {@code admin}, with the
 * password of {@code PARLEY_ADMIN_PASSWORD} or a generated one printed once in the log.
 */
@Component
class FirstStartAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstStartAdmin.class);
	static final String TENANT = "default";
	static final String USERNAME = "admin";

	private final Users users;
	private final Tenants tenants;
	private final PasswordEncoder passwords;
	private final TransactionTemplate transactions;
	private final String configuredPassword;

	FirstStartAdmin(Users users, Tenants tenants, PasswordEncoder passwords, TransactionTemplate transactions,
			@Value("${parley.accounts.admin-password:}") String configuredPassword) {
		this.users = users;
		this.tenants = tenants;
		this.passwords = passwords;
		this.transactions = transactions;
		this.configuredPassword = configuredPassword;
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean generated = configuredPassword == null || configuredPassword.isBlank();
		String password = generated ? generate() : configuredPassword;
		try {
			Boolean created = transactions.execute(status -> {
				if (!users.none()) {
					return false;
				}
				UUID tenant = tenants.findByName(TENANT).orElseGet(() -> tenants.create(TENANT));
				Instant now = Instant.now();
				users.insert(new User(UUID.randomUUID(), tenant, USERNAME, "Administrator", Set.of(Role.ADMIN),
						List.of(), 2, true, 1, now, now), passwords.encode(password));
				return true;
			});
			if (Boolean.TRUE.equals(created)) {
				if (generated) {
					log.warn("\n\n    First start: created user 'admin' in tenant 'default' with the password\n\n        {}\n\n"
							+ "    It is shown only this once. Set PARLEY_ADMIN_PASSWORD to choose it yourself.\n", password);
				}
				else {
					log.info("First start: created user 'admin' in tenant 'default' with the password of PARLEY_ADMIN_PASSWORD");
				}
			}
		}
		catch (DuplicateKeyException e) {
			log.info("Another Parley node created the first admin at the same time");
		}
	}

	private static String generate() {
		String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			password.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return password.toString();
	}
}
