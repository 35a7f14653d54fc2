package dev.h2harness.scenario;

/**
 * What one stream must show. Null fields are not checked; {@code resetCode} is an RFC 9113 §7 code.
 */
public record StreamExpectation(int stream, Integer status, StreamEnd end, Long resetCode, Long body) {}
