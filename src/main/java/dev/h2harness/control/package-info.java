/**
 * The control headers of contract §4, the application side: parsing the {@code h2h-*} request
 * headers, the pattern body served through NO_COPY, the scripted send-data outcomes, the padding
 * choice, and the call log served at {@code /h2h/log}. The reference server runs it on sockets;
 * the harness runs the same code in memory as the oracle that predicts a target's bytes. In the
 * client role (contract §5) the same controls come from a URL's query
 * ({@link dev.h2harness.control.ClientControl}) and {@link dev.h2harness.control.ControlledClient}
 * uploads the body and hands over its call log.
 *
 * <p>It must not know the harness that judges it: nothing of {@code check}, {@code scenario} or
 * {@code peer}; what its headers ask of the checks is said by {@code scenario.ControlBodies}.
 */
package dev.h2harness.control;
