package io.parley.database;

import java.sql.Connection;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Parley's connection pool. Its connections give up on a database that does not answer within the timeout; one taken
 * for {@link LongRunning} work has no socket timeout, until the pool resets it when the connection comes back.
 */
class ParleyDataSource extends HikariDataSource {

	ParleyDataSource(HikariConfig config) {
		super(config);
	}

	@Override
	public Connection getConnection() throws SQLException {
		Connection connection = super.getConnection();
		if (LongRunning.active()) {
			try {
				connection.setNetworkTimeout(Runnable::run, 0);
			}
			catch (SQLException | RuntimeException e) {
				connection.close();
				throw e;
			}
		}
		return connection;
	}
}
