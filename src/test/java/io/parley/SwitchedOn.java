package io.parley;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class that needs something beyond a JDK (a browser, a PostgreSQL server) and runs only when the environment
 * variable {@link #value()} is set (to {@link #equalTo()} when that is given). Otherwise its tests are skipped
 * before anything starts, and counted as skipped in the test summary with the reason printed; a class that only
 * aborted in {@code @BeforeAll} would count as "Tests run: 0". When the variable is set, whatever is missing fails
 * the class's own checks instead of skipping it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SwitchedOn.Condition.class)
public @interface SwitchedOn {

	/** The environment variable that switches the class on. */
	String value();

	/** The value that switches it on; empty: any value that is not blank. */
	String equalTo() default "";

	/** What the class needs, said when it is skipped. */
	String needs();

	/** Reads the switch of the class at hand. */
	class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			SwitchedOn on = context.getRequiredTestClass().getAnnotation(SwitchedOn.class);
			String value = System.getenv(on.value());
			boolean set = on.equalTo().isEmpty() ? value != null && !value.isBlank() : on.equalTo().equals(value);
			if (set) {
				return ConditionEvaluationResult.enabled(on.value() + " is set");
			}
			String reason = context.getRequiredTestClass().getSimpleName() + " skipped: set " + on.value()
					+ (on.equalTo().isEmpty() ? "" : "=" + on.equalTo()) + " to run it (needs " + on.needs() + ").";
			if (context.getTestMethod().isEmpty()) {
				System.out.println(reason);
			}
			return ConditionEvaluationResult.disabled(reason);
		}
	}
}
