package io.parley.widget;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;


/** Registers the widget's filters on its point-of-contact paths only. */
@Configuration(proxyBeanMethods = false)
class WidgetWebConfiguration {

	@Bean
	FilterRegistrationBean<WidgetOriginFilter> widgetOriginFilter(WidgetConfigs configs, WidgetBaseUrl baseUrl) {
		FilterRegistrationBean<WidgetOriginFilter> registration = new FilterRegistrationBean<>(
				new WidgetOriginFilter(configs, baseUrl));
		registration.addUrlPatterns("/widget/v1/points-of-contact/*");
		return registration;
	}

	/** Before Spring Security's filters (order -100), so that the widget's most frequent request skips them. */
	@Bean
	FilterRegistrationBean<WidgetConfigFastPath> widgetConfigFastPath(WidgetConfigs configs, WidgetBaseUrl baseUrl) {
		FilterRegistrationBean<WidgetConfigFastPath> registration = new FilterRegistrationBean<>(
				new WidgetConfigFastPath(configs, baseUrl));
		registration.addUrlPatterns("/widget/v1/points-of-contact/*");
		registration.setOrder(-200);
		return registration;
	}
}
