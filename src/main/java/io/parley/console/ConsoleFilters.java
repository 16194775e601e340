package io.parley.console;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.FlashMapManager;

/** The console's servlet filters. */
@Configuration(proxyBeanMethods = false)
class ConsoleFilters {

	/** Before Spring Security's filters (order -100): its CSRF check is the first to read a refused form. */
	@Bean
	FilterRegistrationBean<OversizedFormUploads> oversizedFormUploads(FlashMapManager flashMapManager) {
		FilterRegistrationBean<OversizedFormUploads> registration = new FilterRegistrationBean<>(
				new OversizedFormUploads(flashMapManager));
		registration.addUrlPatterns("/console/chat-profiles", "/console/chat-profiles/*");
		registration.setOrder(-150);
		return registration;
	}
}
