package io.parley.audit.internal;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** Wires the audit recording pieces, which are plain classes so that the benchmark can use them without Spring. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	AuditPartitions auditPartitions(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		return new AuditPartitions(jdbc, transactionManager);
	}

	@Bean
	AuditWriter auditWriter(JdbcTemplate jdbc, AuditPartitions partitions) {
		return new AuditWriter(jdbc, partitions, Clock.systemUTC());
	}
}
