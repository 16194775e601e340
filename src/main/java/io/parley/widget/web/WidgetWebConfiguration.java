package io.parley.widget.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.parley.widget.WidgetConfigs;

/** Registers the origin filter on the widget's point-of-contact paths only. */
@Configuration(proxyBeanMethods = false)
class WidgetWebConfiguration {

	@Bean
	FilterRegistrationBean<WidgetOriginFilter> widgetOriginFilter(WidgetConfigs configs, WidgetBaseUrl baseUrl) {
		FilterRegistrationBean<WidgetOriginFilter> registration = new FilterRegistrationBean<>(
				new WidgetOriginFilter(configs, baseUrl));
		registration.addUrlPatterns("/widget/v1/points-of-contact/*");
		return registration;
	}
}
