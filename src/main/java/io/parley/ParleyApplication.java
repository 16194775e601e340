package io.parley;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * Parley: an open-source contact-center live chat server. Its modules are the packages below this one (see
 * docs/ARCHITECTURE.md); {@code shared} and {@code http} are what every module uses, so a module test boots them too.
 */
@SpringBootApplication
@Modulithic(sharedModules = { "shared", "http" })
@ConfigurationPropertiesScan
public class ParleyApplication {

	public static void main(String[] args) {
		SpringApplication.run(ParleyApplication.class, args);
	}
}
