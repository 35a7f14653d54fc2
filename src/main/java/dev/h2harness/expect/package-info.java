/**
 * Expected failures: a checked-in file of known target bugs (scenario id, stack, reason, link to
 * the explanation) and how a run is judged with it — an expected failure keeps the run green, an
 * expected failure that passes is a failure ("the target was fixed: remove the entry"). Knows
 * scenario results and verdicts; must not know how scenarios run or how reports are printed.
 */
package dev.h2harness.expect;
