package dev.h2harness.frame;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for every frame type, with padding 0..256 and unknown flag bits. */
final class FrameArbitraries {
  private FrameArbitraries() {}

  static Arbitrary<Bytes> bytes(int maxLength) {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength).map(Bytes::wrap);
  }

  static Arbitrary<Integer> streamIds() {
    return Arbitraries.integers().between(0, 0x7fffffff).edgeCases(c -> c.includeOnly(0, 1, 0x7fffffff));
  }

  static Arbitrary<Integer> anyFlags() {
    return Arbitraries.integers().between(0, 0xff);
  }

  static Arbitrary<Integer> anyInt() {
    return Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  static Arbitrary<Long> uint32() {
    return Arbitraries.longs().between(0, 0xffffffffL);
  }

  /** Padding of nghttp2's padlen 1..256, well formed or with arbitrary octets; null = unpadded. */
  static Arbitrary<Padding> padding() {
    Arbitrary<Padding> wellFormed = Arbitraries.integers().between(1, 256).map(Padding::ofPadlen);
    Arbitrary<Padding> anyOctets = Arbitraries.integers().between(0, 255)
        .flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n)
            .map(b -> new Padding(n, Bytes.wrap(b))));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, wellFormed), net.jqwik.api.Tuple.of(1, anyOctets)).injectNull(0.3);
  }

  static Arbitrary<PrioritySpec> priority() {
    return Combinators.combine(anyInt(), Arbitraries.integers().between(0, 255)).as(PrioritySpec::new);
  }

  /** Random flags with the bit {@code bit} forced to match {@code present}. */
  private static int withBit(int flags, int bit, boolean present) {
    return present ? flags | bit : flags & ~bit;
  }

  static Arbitrary<Frame> data() {
    return Combinators.combine(anyFlags(), streamIds(), bytes(300), padding())
        .as((fl, s, d, p) -> new Frame.Data(withBit(fl, Flags.PADDED, p != null), s, d, p));
  }

  static Arbitrary<Frame> headers() {
    return Combinators.combine(anyFlags(), streamIds(), priority().injectNull(0.5), bytes(300), padding())
        .as((fl, s, pr, frag, p) -> new Frame.Headers(
            withBit(withBit(fl, Flags.PADDED, p != null), Flags.PRIORITY, pr != null), s, pr, frag, p));
  }

  static Arbitrary<Frame> priorityFrames() {
    return Combinators.combine(anyFlags(), streamIds(), priority()).as(Frame.Priority::new);
  }

  static Arbitrary<Frame> rstStream() {
    return Combinators.combine(anyFlags(), streamIds(), uint32()).as(Frame.RstStream::new);
  }

  static Arbitrary<Frame> settings() {
    Arbitrary<Setting> setting = Combinators.combine(Arbitraries.integers().between(0, 0xffff), uint32())
        .as(Setting::new);
    return Combinators.combine(anyFlags(), streamIds(), setting.list().ofMaxSize(12))
        .as((fl, s, list) -> new Frame.Settings(list.isEmpty() ? fl : fl & ~Flags.ACK, s, list));
  }

  static Arbitrary<Frame> pushPromise() {
    return Combinators.combine(anyFlags(), streamIds(), anyInt(), bytes(300), padding())
        .as((fl, s, promised, frag, p) ->
            new Frame.PushPromise(withBit(fl, Flags.PADDED, p != null), s, promised, frag, p));
  }

  static Arbitrary<Frame> ping() {
    return Combinators.combine(anyFlags(), streamIds(),
        Arbitraries.bytes().array(byte[].class).ofSize(8).map(Bytes::wrap)).as(Frame.Ping::new);
  }

  static Arbitrary<Frame> goAway() {
    return Combinators.combine(anyFlags(), streamIds(), anyInt(), uint32(), bytes(100))
        .as(Frame.GoAway::new);
  }

  static Arbitrary<Frame> windowUpdate() {
    return Combinators.combine(anyFlags(), streamIds(), anyInt()).as(Frame.WindowUpdate::new);
  }

  static Arbitrary<Frame> continuation() {
    return Combinators.combine(anyFlags(), streamIds(), bytes(300)).as(Frame.Continuation::new);
  }

  static Arbitrary<Frame> unknown() {
    return Combinators.combine(Arbitraries.integers().between(0x0a, 0xff), anyFlags(), streamIds(),
        bytes(300)).as(Frame.Unknown::new);
  }

  static Arbitrary<Frame> frames() {
    return Arbitraries.oneOf(List.of(data(), headers(), priorityFrames(), rstStream(), settings(),
        pushPromise(), ping(), goAway(), windowUpdate(), continuation(), unknown()));
  }

  /** Any header with a payload of its length: any type, flags, R bit; often malformed. */
  static Arbitrary<RawFrame> rawFrames() {
    return Combinators.combine(Arbitraries.integers().between(0, 0xff), anyFlags(), anyInt(), bytes(64))
        .as(RawFrame::of);
  }

  /** Sizes to cut a byte stream into, used in turn (and again from the start); 1 is common. */
  static Arbitrary<List<Integer>> pieceSizes() {
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, Arbitraries.just(1)),
            net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 16)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 2000)))
        .list().ofMinSize(1).ofMaxSize(40);
  }

  static java.util.function.IntSupplier cycling(List<Integer> sizes) {
    int[] i = {0};
    return () -> sizes.get(i[0]++ % sizes.size());
  }
}
