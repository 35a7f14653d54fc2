package dev.h2harness.control;

/**
 * One call of the send-data callback, as the call log of contract §4 records it. {@code seq}
 * counts the stream's calls from 1; {@code sendCall} is the connection's count of send() calls in
 * which it ran; {@code reads} is how many times the stream's read callback had run by then.
 */
public record SendDataCall(int seq, int sendCall, int reads, String frameHeader, int frameLength,
                           int type, int flags, int streamId, int dataLength, int padlen, int returned) {}
