/**
 * Points of contact: the entry points customers start chats from, with their skill queue, active flag and allowed
 * origins, and the assignment of at most one chat profile to each, made from either side.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Points of contact")
package io.parley.contactpoints;
