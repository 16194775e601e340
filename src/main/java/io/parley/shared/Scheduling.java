package io.parley.shared;

import java.lang.management.ManagementFactory;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

/**
 * Parley's one way of running work on a timer: Spring's {@code @Scheduled} methods, and for work that one node should
 * do for all, {@code @SchedulerLock(name = "<module>.<job>")} on the same method, which runs it only while this node
 * holds that job's lock row in PostgreSQL's {@code shedlock} table (ShedLock's JDBC provider, with the database's
 * clock). A node that cannot take the lock skips the run; a node that dies holding it blocks the job at most until
 * {@code lockAtMostFor} has passed.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT1M")
class Scheduling {

	/**
	 * The threads scheduled methods run on: a small pool of platform threads of its own. Spring Boot's scheduler for
	 * virtual threads runs every fixed-delay task on one shared thread, so one slow job would hold up the others.
	 */
	@Bean
	ThreadPoolTaskScheduler taskScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(4);
		scheduler.setThreadNamePrefix("parley-scheduler-");
		scheduler.setDaemon(true);
		// When the context closes, runs are cancelled and one under way is interrupted (a wait for a connection ends at
		// once); scheduled work is transactional and done again by the next run, so nothing is lost. Waiting instead
		// would hold the shutdown up for a job stuck on a database that is already gone, or on a paused context.
		scheduler.setWaitForTasksToCompleteOnShutdown(false);
		scheduler.setAwaitTerminationSeconds(10);
		return scheduler;
	}

	/** Job locks in the {@code shedlock} table, timed by the database so that the nodes' clocks do not matter. */
	@Bean
	LockProvider lockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			// which process holds a lock: "pid@host"
			.withLockedByValue(ManagementFactory.getRuntimeMXBean().getName())
			.build());
	}
}
