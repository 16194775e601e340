/**
 * The vocabulary every module shares: the exceptions a module refuses with ({@link io.parley.shared.InvalidInputException}
 * with its {@link io.parley.shared.FieldViolation}s collected by {@link io.parley.shared.Violations},
 * {@link io.parley.shared.NotFoundException}, {@link io.parley.shared.ConflictException},
 * {@link io.parley.shared.StaleVersionException}), keyset list pages and their cursors
 * ({@link io.parley.shared.ListPage}), ETag versions, the one scheduling mechanism
 * ({@link io.parley.shared.Scheduling}) and the one way to run background work requested many times at once
 * ({@link io.parley.shared.CoalescedRun}). It depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared", allowedDependencies = {})
package io.parley.shared;
