/**
 * The HTTP plumbing every module's web layer shares: the one builder of RFC 9457 problem bodies
 * ({@link io.parley.http.Problem}) and the mapping of refusals to them ({@link io.parley.http.ProblemHandler}), strict
 * JSON reading configured once ({@link io.parley.http.StrictJson}), request admission and unreadable parameters, and
 * the routes each module declares with who may reach them ({@link io.parley.http.ModuleRoutes}, collected into a
 * {@link io.parley.http.RouteTable} by the accounts module's security configuration).
 */
@org.springframework.modulith.ApplicationModule(displayName = "HTTP", allowedDependencies = { "shared", "database" })
package io.parley.http;
