/**
 * The published HTTP/2 denial-of-service patterns as bounded, reusable attacks on any h2c target
 * ({@link dev.h2harness.attack.Attack}), a legitimate client that measures how the target serves
 * others meanwhile ({@link dev.h2harness.attack.LegitClient}), and the run that puts the two side
 * by side ({@link dev.h2harness.attack.AttackRun}). Loopback only; every attack is bounded in
 * frames, connections and seconds. It knows the wire, not the server: no server internals.
 */
package dev.h2harness.attack;
