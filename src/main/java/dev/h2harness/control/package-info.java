/**
 * The control headers of contract §4, the application side: parsing the {@code h2h-*} request
 * headers, the pattern body served through NO_COPY, the scripted send-data outcomes, the padding
 * choice, and the call log served at {@code /h2h/log}. The reference server runs it on sockets;
 * the harness runs the same code in memory as the oracle that predicts a target's bytes.
 */
package dev.h2harness.control;
