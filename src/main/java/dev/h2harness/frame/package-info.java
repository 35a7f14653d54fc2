/**
 * HTTP/2 frames (RFC 9113 §4, §6) as values, and the codec that reads and writes them.
 *
 * <p>Two levels: {@link dev.h2harness.frame.RawFrame} is the lossless wire truth (any length field,
 * type, flags and stream field), {@link dev.h2harness.frame.Frame} is the typed view with one record
 * per frame type. {@link dev.h2harness.frame.FrameReader} turns bytes arriving in arbitrary pieces
 * into frames with their absolute byte offsets (and lets one watcher see each frame header before its
 * payload, so that a guard needs no second parse); structural problems come out as
 * {@link dev.h2harness.frame.FrameProblem} values, never as exceptions. {@link
 * dev.h2harness.frame.FrameWriter} is strict unless asked for illegal output.
 *
 * <p>The protocol's facts about frames are data here, written once: {@link
 * dev.h2harness.frame.FrameType} carries each type's defined flags, stream association and fixed
 * payload length, and where a payload's content starts (Pad Length, fixed fields);
 * {@link dev.h2harness.frame.SettingsParameter} each SETTINGS parameter's initial value and legal
 * range (RFC 9113 §6.5.2). A {@link dev.h2harness.frame.ReadEvent.FrameRead} gives the absolute
 * offsets of its payload, content and padding. The session and the checks ask these. This package
 * depends on nothing else in h2harness.
 */
package dev.h2harness.frame;
