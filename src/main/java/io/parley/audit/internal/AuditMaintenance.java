package io.parley.audit.internal;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import io.parley.database.LongRunning;

/**
 * Keeps the audit partitions ahead of time and applies retention: at startup and then every day
 * ({@code parley.audit.maintenance-cron}), on one node (Parley's one scheduling mechanism, {@code io.parley.shared.Scheduling}). {@code parley.audit.partitions-ahead} months after the current one get a
 * partition; {@code parley.audit.retention-months} ({@code PARLEY_AUDIT_RETENTION_MONTHS}, 0 keeps everything) drops
 * whole months older than that.
 */
@Component
class AuditMaintenance implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AuditMaintenance.class);

	private final AuditPartitions partitions;
	private final int ahead;
	private final int retentionMonths;

	AuditMaintenance(AuditPartitions partitions, @Value("${parley.audit.partitions-ahead:3}") int ahead,
			@Value("${parley.audit.retention-months:0}") int retentionMonths) {
		this.partitions = partitions;
		this.ahead = ahead;
		this.retentionMonths = retentionMonths;
	}

	@Override
	public void run(ApplicationArguments args) {
		maintain();
	}

	/**
	 * The daily run, by one node for all (the job lock of {@code io.parley.shared.Scheduling}); dropping a partition may wait
	 * long for exports, so the lock is held for up to an hour of a node that died during it.
	 */
	@Scheduled(cron = "${parley.audit.maintenance-cron:0 17 3 * * *}", zone = "UTC")
	@SchedulerLock(name = "audit.maintenance", lockAtMostFor = "PT1H")
	void scheduled() {
		maintain();
	}

	/** At startup every node makes sure the partitions are there before it writes (creating one is idempotent). */
	void maintain() {
		try {
			// Dropping a partition waits for the exports reading it: no database timeout.
			LongRunning.run(() -> {
				Instant now = Instant.now();
				partitions.ensureAhead(now, ahead);
				partitions.dropOlderThan(retentionMonths, now);
			});
		}
		catch (RuntimeException e) {
			// The next run tries again, and a row whose month has no partition still gets one when it is written.
			log.error("Audit partition maintenance failed", e);
		}
	}
}
