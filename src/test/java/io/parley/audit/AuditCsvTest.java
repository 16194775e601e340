package io.parley.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditCsvTest {

	@Test
	void prefixesValuesThatASpreadsheetWouldTakeForAFormula() {
		assertThat(AuditCsv.safe("=1+1")).isEqualTo("'=1+1");
		assertThat(AuditCsv.safe("+49 30 1234")).isEqualTo("'+49 30 1234");
		assertThat(AuditCsv.safe("-2")).isEqualTo("'-2");
		assertThat(AuditCsv.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(AuditCsv.safe("\t=1")).isEqualTo("'\t=1");
		assertThat(AuditCsv.safe("\r=1")).isEqualTo("'\r=1");
	}

	@Test
	void leavesOtherValuesAlone() {
		assertThat(AuditCsv.safe("Sales chat")).isEqualTo("Sales chat");
		assertThat(AuditCsv.safe("a=b")).isEqualTo("a=b");
		assertThat(AuditCsv.safe("#0B5FFF")).isEqualTo("#0B5FFF");
		assertThat(AuditCsv.safe("")).isEmpty();
		assertThat(AuditCsv.safe(null)).isEmpty();
	}
}
