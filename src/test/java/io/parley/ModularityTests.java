package io.parley;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

	@Test
	void modulesOnlyUseEachOthersPublicApi() {
		ApplicationModules.of(ParleyApplication.class).verify();
	}
}
