package dev.h2harness.capture;

/**
 * One captured link-layer packet: when (nanoseconds since the epoch), its link type (the tcpdump
 * LINKTYPE_ value), its octets and where its data begins in the file.
 */
public record Packet(long epochNanos, int linkType, byte[] data, long fileOffset) {}
