/**
 * The shared sketch canvas of each room: its op log, snapshots and own record of memberships in the {@code sketch}
 * database, commands from the gateways on {@code sketch.commands}, ops out on {@code sketch.events}.
 */
package dev.chat.sketch;
