package dev.h2harness.scenario;

/**
 * What one stream must show. Null fields are not checked; {@code end} is {@code end-stream},
 * {@code reset} or {@code open}; {@code resetCode} is an RFC 9113 §7 code.
 */
public record StreamExpectation(int stream, Integer status, String end, Long resetCode, Long body) {}
