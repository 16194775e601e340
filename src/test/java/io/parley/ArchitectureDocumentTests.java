package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Keeps the module contracts and their description honest: each module's {@code allowedDependencies} are exactly the
 * modules its code uses (an allowance nobody uses hides drift), and the table in {@code docs/ARCHITECTURE.md} says
 * the same. Run with {@code -Ddocs.record=true} to rewrite that table from the code. It also writes Spring Modulith's
 * generated documentation (PlantUML diagrams and module canvases) to {@code target/spring-modulith-docs}.
 */
class ArchitectureDocumentTests {

	private static final Path DOCUMENT = Path.of("docs/ARCHITECTURE.md");
	private static final Pattern TABLE = Pattern.compile("(<!-- modules:start -->\\n)(.*?)(<!-- modules:end -->)",
			Pattern.DOTALL);
	private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| ([^|]*) \\|", Pattern.MULTILINE);

	private final ApplicationModules modules = ApplicationModules.of(ParleyApplication.class);

	@Test
	void eachModuleIsAllowedExactlyTheModulesItUses() {
		Map<String, List<String>> used = used();
		Map<String, List<String>> allowed = new LinkedHashMap<>();
		used.keySet().forEach(name -> allowed.put(name, allowed(name)));
		assertThat(allowed).isEqualTo(used);
	}

	@Test
	void theArchitectureDocumentListsEveryModuleWithTheModulesItUses() throws IOException {
		Map<String, List<String>> used = used();
		String document = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
		Matcher table = TABLE.matcher(document);
		assertThat(table.find()).as("a table between <!-- modules:start --> and <!-- modules:end --> in " + DOCUMENT)
			.isTrue();
		if (Boolean.getBoolean("docs.record")) {
			Files.writeString(DOCUMENT, document.substring(0, table.start(2)) + table(used) + document.substring(table.end(2)),
					StandardCharsets.UTF_8);
			return;
		}
		Map<String, List<String>> documented = new LinkedHashMap<>();
		Matcher row = ROW.matcher(table.group(2));
		while (row.find()) {
			documented.put(row.group(1), Arrays.stream(row.group(2).split(","))
				.map(s -> s.strip().replace("`", ""))
				.filter(s -> !s.isEmpty() && !s.equals("none"))
				.toList());
		}
		assertThat(documented).as("the module table of %s (rewrite it with -Ddocs.record=true)", DOCUMENT)
			.isEqualTo(used);
	}

	@Test
	void writesModulithsDocumentation() {
		new Documenter(modules).writeDocumentation();
		assertThat(Path.of("target/spring-modulith-docs/components.puml")).exists();
	}

	private Map<String, List<String>> used() {
		return modules.stream()
			.sorted((a, b) -> a.getName().compareTo(b.getName()))
			.collect(Collectors.toMap(m -> m.getName(),
					m -> m.getDirectDependencies(modules).uniqueModules().map(d -> d.getName()).distinct().sorted().toList(),
					(a, b) -> a, LinkedHashMap::new));
	}

	private static List<String> allowed(String module) {
		try {
			Class<?> info = Class.forName("io.parley." + module + ".package-info");
			return Arrays.stream(info.getAnnotation(ApplicationModule.class).allowedDependencies()).sorted().toList();
		}
		catch (ClassNotFoundException e) {
			throw new AssertionError("module " + module + " has no package-info declaring its allowed dependencies", e);
		}
	}

	private String table(Map<String, List<String>> used) {
		StringBuilder table = new StringBuilder("| module | may use (its `allowedDependencies`) | display name |\n| --- | --- | --- |\n");
		used.forEach((name, deps) -> table.append("| `").append(name).append("` | ")
			.append(deps.isEmpty() ? "none" : deps.stream().map(d -> "`" + d + "`").collect(Collectors.joining(", ")))
			.append(" | ").append(modules.getModuleByName(name).orElseThrow().getDisplayName()).append(" |\n"));
		return table.toString();
	}
}
