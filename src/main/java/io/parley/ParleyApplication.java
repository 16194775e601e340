package io.parley;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Parley: an open-source contact-center live chat server. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ParleyApplication {

	public static void main(String[] args) {
		SpringApplication.run(ParleyApplication.class, args);
	}
}
