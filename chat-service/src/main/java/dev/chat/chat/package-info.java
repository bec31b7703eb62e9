/**
 * Rooms, memberships and messages. Not built yet: this service runs, owns its database and reports its
 * health, so deployment, tests and monitoring already include it.
 */
package dev.chat.chat;
