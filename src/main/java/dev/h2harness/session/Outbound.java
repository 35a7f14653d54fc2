package dev.h2harness.session;

import dev.h2harness.frame.Bytes;
import dev.h2harness.frame.ErrorCode;
import dev.h2harness.frame.Flags;
import dev.h2harness.frame.Frame;
import dev.h2harness.frame.FrameHeader;
import dev.h2harness.frame.FrameReader;
import dev.h2harness.frame.FrameType;
import dev.h2harness.frame.FrameWriter;
import dev.h2harness.frame.Padding;
import dev.h2harness.stream.StreamInput;
import dev.h2harness.stream.StreamState;
import dev.h2harness.stream.StreamTransitions;
import java.io.ByteArrayOutputStream;

/**
 * The send side of a {@link Session}: nghttp2's send state machine
 * (nghttp2_session_mem_send_internal). It pops the next item in nghttp2's order, prepares it
 * (session_prep_frame: HEADERS through HPACK, DATA through the read callback and select-padding),
 * hands its bytes out or calls the send-data callback for NO_COPY, and applies what a sent frame
 * changes (session_after_frame_sent1 and 2).
 */
final class Outbound {
  private enum SendState { CLIENT_MAGIC, POP_ITEM, SEND_BYTES, SEND_NO_COPY }

  private final Session session;
  private final byte[] frameBuf = new byte[FrameHeader.SIZE + 1 + Session.DATA_PAYLOADLEN + Session.MAX_PADLEN];
  private SendState sendState;
  private byte[] out;
  private int outPos;
  private int outEnd;
  private OutboundItem active;
  private SentFrame activeSent;
  private boolean afterSent1Done;

  Outbound(Session session) {
    this.session = session;
    this.sendState = session.server ? SendState.POP_ITEM : SendState.CLIENT_MAGIC;
  }

  /** The buffer {@link #nextBytes} made ready, from {@link #position()}. */
  byte[] buffer() {
    return out;
  }

  int position() {
    return outPos;
  }

  /** The transport took {@code n} of the ready bytes. */
  void consumed(int n) {
    outPos += n;
  }

  /** True while a frame is on its way, or the client preface is still to go. */
  boolean busy() {
    return active != null || sendState == SendState.CLIENT_MAGIC;
  }

  /** nghttp2_session_mem_send: a frame counts as sent once all its bytes are handed out. */
  int afterHandedOut() {
    return active != null && !afterSent1Done && outPos == outEnd ? afterFrameSent1() : 0;
  }


  /** Bytes ready in {@code out} from {@code outPos}: a count, 0 for none now, or a fatal error. */
  int nextBytes(boolean fast) {
    for (;;) {
      switch (sendState) {
        case CLIENT_MAGIC -> {
          if (out == null) {
            out = FrameReader.CLIENT_PREFACE.toArray();
            outPos = 0;
            outEnd = out.length;
          }
          if (outPos < outEnd) return outEnd - outPos;
          out = null;
          sendState = SendState.POP_ITEM;
        }
        case POP_ITEM -> {
          if (session.terminated) return 0;
          OutboundItem item = popNext();
          if (item == null) return 0;
          int rv = prepare(item);
          if (rv == NgError.PAUSE) return 0;
          if (rv == NgError.DEFERRED) continue;
          if (rv < 0) {
            if (NgError.isFatal(rv)) return rv;
            frameNotSent(item, rv);
            continue;
          }
          active = item;
          afterSent1Done = false;
          sendState = item instanceof OutboundItem.Data d && d.item().noCopy
              ? SendState.SEND_NO_COPY : SendState.SEND_BYTES;
        }
        case SEND_BYTES -> {
          if (outPos < outEnd) return outEnd - outPos;
          if (!fast || !afterSent1Done) {
            int rv = afterFrameSent1();
            if (rv < 0) return rv;
          }
          afterFrameSent2();
        }
        case SEND_NO_COPY -> {
          int rv = sendNoCopy();
          if (rv != 0) return rv == NgError.WOULDBLOCK || rv == NgError.PAUSE ? 0 : rv;
        }
      }
    }
  }

  private OutboundItem popNext() {
    if (!session.queues.urgent.isEmpty()) return session.queues.urgent.poll();
    if (!session.queues.regular.isEmpty()) return session.queues.regular.poll();
    if (!session.queues.opening.isEmpty() && !outgoingStreamLimitReached()) return session.queues.opening.poll();
    if (session.connSendWindow.size() > 0) {
      Integer id = session.queues.nextDataStream();
      if (id != null) return new OutboundItem.Data(session.streams.get(id).data);
    }
    return null;
  }

  boolean outgoingStreamLimitReached() {
    long open = session.streams.values().stream()
        .filter(s -> (s.id % 2 == 0) == session.server && s.state != StreamState.IDLE && !s.isClosed())
        .count();
    return open >= session.remote.maxConcurrentStreams;
  }

  /** Serialises {@code item} into {@code out} (nghttp2's session_prep_frame). */
  private int prepare(OutboundItem item) {
    if (item instanceof OutboundItem.Data d) {
      return prepareData(d.item());
    }
    if (item instanceof OutboundItem.HeaderBlock h) {
      return prepareHeaders(h);
    }
    Frame f = ((OutboundItem.Control) item).frame();
    if (f instanceof Frame.WindowUpdate && f.streamId() != 0) {
      Stream s = session.streams.get(f.streamId());
      if (s == null || s.isClosed()) return NgError.STREAM_CLOSED;
    }
    if (f instanceof Frame.GoAway && session.goawaySent) return NgError.GOAWAY_ALREADY_SENT;
    setOut(FrameWriter.writeLenient(f));
    activeSent = new SentFrame(FrameWriter.header(f), 0, f);
    return 0;
  }

  private int prepareHeaders(OutboundItem.HeaderBlock h) {
    Stream s = session.streams.get(h.streamId());
    if (h.opensStream()) {
      if (session.goawayReceived || session.goawaySent || s == null) return NgError.START_STREAM_NOT_ALLOWED;
      session.apply(s, StreamInput.SEND_HEADERS);
    } else if (s == null || s.isClosed() || s.closing) {
      return NgError.STREAM_CLOSED;
    }
    byte[] block = session.encoder.encode(h.fields());
    int flags = h.endStream() ? Flags.END_STREAM : 0;
    int maxPayload = Math.min(Session.DATA_PAYLOADLEN, session.remote.maxFrameSize);
    int firstLen = Math.min(block.length, maxPayload);
    int padlen = 0;
    if (block.length <= maxPayload) {
      // nghttp2's session_headers_add_pad: padding goes into the first frame.
      int padded = selectPadding(FrameType.HEADERS.code, h.streamId(), firstLen,
          Math.min(Session.DATA_PAYLOADLEN, firstLen + Session.MAX_PADLEN));
      if (padded < 0) return padded;
      padlen = padded - firstLen;
    }
    int firstFlags = flags | (block.length == firstLen ? Flags.END_HEADERS : 0) | (padlen > 0 ? Flags.PADDED : 0);
    Frame.Headers typed = new Frame.Headers(firstFlags, h.streamId(), null,
        Bytes.copyOf(block, 0, firstLen), padlen > 0 ? Padding.ofPadlen(padlen) : null);
    byte[] headers = FrameWriter.writeLenient(typed);
    if (firstLen == block.length) {
      setOut(headers); // the usual block, one frame: no second copy
    } else {
      ByteArrayOutputStream buf = new ByteArrayOutputStream(block.length + 32);
      buf.writeBytes(headers);
      for (int at = firstLen; at < block.length; at += maxPayload) {
        int len = Math.min(maxPayload, block.length - at);
        int cflags = at + len == block.length ? Flags.END_HEADERS : 0;
        buf.writeBytes(FrameWriter.writeLenient(new Frame.Continuation(cflags, h.streamId(), Bytes.copyOf(block, at, len))));
      }
      setOut(buf.toByteArray());
    }
    FrameHeader first = FrameWriter.header(typed);
    activeSent = new SentFrame(first, padlen, typed);
    return 0;
  }

  /** nghttp2_session_pack_data: read, choose padding, lay out the header (contract §1). */
  private int prepareData(DataItem item) {
    Stream s = session.streams.get(item.streamId);
    int rv = predicateDataSend(s);
    if (rv != 0) {
      if (s != null) session.detachData(s);
      return rv;
    }
    // contract §1.2: min(16384, stream window, connection window, peer's MAX_FRAME_SIZE).
    int maxLength = Math.min(Math.min(Session.DATA_PAYLOADLEN, s.sendWindow.size()),
        Math.min(session.connSendWindow.size(), session.remote.maxFrameSize));
    if (maxLength <= 0) {
      session.deferOnFlow(s);
      return NgError.DEFERRED;
    }
    DataFlags flags = new DataFlags();
    int dataAt = FrameHeader.SIZE + 1;
    int length = item.source.read(session, s.id, frameBuf, dataAt, maxLength, flags);
    if (length == NgError.DEFERRED) {
      s.deferredUser = true;
      session.queues.unschedule(s.id);
      return NgError.DEFERRED;
    }
    if (length == NgError.TEMPORAL_CALLBACK_FAILURE) {
      session.detachData(s);
      session.addRstStream(s.id, ErrorCode.INTERNAL_ERROR.code);
      return NgError.TEMPORAL_CALLBACK_FAILURE;
    }
    if (length == NgError.PAUSE) {
      return NgError.PAUSE;
    }
    if (length < 0 || length > maxLength) {
      session.detachData(s);
      return NgError.CALLBACK_FAILURE;
    }
    int frameFlags = 0;
    if (flags.has(DataFlags.EOF)) {
      item.eof = true;
      if (item.endStream && !flags.has(DataFlags.NO_END_STREAM)) {
        frameFlags |= Flags.END_STREAM;
      }
    }
    if (flags.has(DataFlags.NO_COPY)) {
      if (session.cb.sendData == SessionCallbacks.NO_SEND_DATA) {
        session.detachData(s);
        return NgError.CALLBACK_FAILURE;
      }
      item.noCopy = true;
    } else {
      item.noCopy = false;
    }
    // contract §1.3: padded payload at most min(maxLength, length + 256).
    int padded = selectPadding(FrameType.DATA.code, s.id, length, Math.min(maxLength, length + Session.MAX_PADLEN));
    if (padded < 0) {
      session.detachData(s);
      return padded;
    }
    int padlen = padded - length;
    if (padlen > 0) frameFlags |= Flags.PADDED;
    FrameHeader hd = new FrameHeader(length + padlen, FrameType.DATA.code, frameFlags, s.id);
    item.frame = new DataFrameInfo(hd, padlen);
    // contract §1.6: an empty EOF frame without END_STREAM is not sent (nghttp2: CANCEL). nghttp2
    // tests the frame length after adding padding, so a padded empty frame is sent.
    if (length + padlen == 0 && flags.has(DataFlags.EOF) && flags.has(DataFlags.NO_END_STREAM)) {
      session.detachData(s);
      return NgError.CANCEL;
    }
    if (!item.noCopy) {
      // Header and Pad Length octet sit before the data read at dataAt; padding after it.
      int start = padlen > 0 ? 0 : 1;
      hd.writeTo(frameBuf, start);
      if (padlen > 0) {
        frameBuf[FrameHeader.SIZE] = (byte) (padlen - 1);
        java.util.Arrays.fill(frameBuf, dataAt + length, dataAt + length + padlen - 1, (byte) 0);
      }
      out = frameBuf;
      outPos = start;
      outEnd = dataAt + length + Math.max(0, padlen - 1);
    }
    activeSent = new SentFrame(hd, padlen, null);
    return 0;
  }

  private int predicateDataSend(Stream s) {
    if (s == null || s.isClosed()) return NgError.STREAM_CLOSED;
    if (s.closing) return NgError.STREAM_CLOSING;
    boolean own = (s.id % 2 == 0) == session.server;
    if (own) return s.state == StreamState.RESERVED_LOCAL ? NgError.INVALID_STREAM_STATE : 0;
    // A response body follows the response HEADERS (nghttp2: stream state OPENED).
    if (!s.headersSent) return NgError.INVALID_STREAM_STATE;
    if (!StreamTransitions.allows(s.state, StreamInput.SEND_DATA, session.role)) {
      return NgError.STREAM_SHUT_WR;
    }
    return 0;
  }

  private int selectPadding(int type, int streamId, int length, int maxPayload) {
    if (length >= maxPayload) {
      return length;
    }
    int v = session.cb.selectPadding.selectPadding(session, type, streamId, length, maxPayload);
    // contract §1.3: anything outside length..maxPaddedLength is a fatal CALLBACK_FAILURE.
    return v < length || v > maxPayload ? NgError.CALLBACK_FAILURE : v;
  }

  /** The NO_COPY state: hand the frame to the send-data callback (contract §2). */
  private int sendNoCopy() {
    DataItem item = ((OutboundItem.Data) active).item();
    Stream s = session.streams.get(item.streamId);
    if (s == null || s.isClosed()) {
      // contract §2: the stream closed while the frame waited; it is dropped, not retried.
      resetActive();
      return 0;
    }
    DataFrameInfo f = item.frame;
    int rv = session.cb.sendData.sendData(session, f, f.header().toBytes(), f.dataLength(), item.source);
    if (NgError.isFatalSendDataReturn(rv)) {
      return NgError.CALLBACK_FAILURE;
    }
    if (rv == NgError.TEMPORAL_CALLBACK_FAILURE) {
      session.detachData(s);
      session.addRstStream(s.id, ErrorCode.INTERNAL_ERROR.code);
      resetActive();
      return 0;
    }
    if (rv == NgError.WOULDBLOCK) {
      return NgError.WOULDBLOCK;
    }
    int after = afterFrameSent1();
    if (after < 0) return after;
    afterFrameSent2();
    return rv == NgError.PAUSE ? NgError.PAUSE : 0;
  }

  /** The frame is on its way: charge windows, move stream states, tell the application. */
  private int afterFrameSent1() {
    afterSent1Done = true;
    OutboundItem item = active;
    SentFrame sent = activeSent;
    if (item instanceof OutboundItem.Data d) {
      DataItem data = d.item();
      Stream s = session.streams.get(data.streamId);
      // contract §1.5: windows are charged with the whole payload, padding included, once sent.
      session.connSendWindow.consume(sent.header().length());
      if (s != null) s.sendWindow.consume(sent.header().length());
      if (sent.header().length() > 0) session.progress++;
      if (s != null && data.eof) {
        session.detachData(s);
        frameSent(sent);
        if (Flags.has(sent.header().flags(), Flags.END_STREAM)) {
          session.transition(s, StreamInput.SEND_END_STREAM);
        }
        return 0;
      }
      frameSent(sent);
      return 0;
    }
    if (item instanceof OutboundItem.HeaderBlock h) {
      Stream s = session.streams.get(h.streamId());
      frameSent(sent);
      if (s != null) {
        s.headersSent = true;
        if (h.endStream()) {
          session.transition(s, StreamInput.SEND_END_STREAM);
        } else if (h.body() != null && !s.isClosed()) {
          session.attachData(s, new DataItem(s.id, h.body(), true));
        }
      }
      return 0;
    }
    OutboundItem.Control c = (OutboundItem.Control) item;
    Frame f = c.frame();
    frameSent(sent);
    if (f instanceof Frame.RstStream r) {
      Stream s = session.streams.get(r.streamId());
      if (s != null) session.closeStream(s, r.errorCode());
    } else if (f instanceof Frame.GoAway) {
      session.goawaySent = true;
      if (c.terminate()) session.terminated = true;
    }
    return 0;
  }

  private void afterFrameSent2() {
    if (active instanceof OutboundItem.Data d && !d.item().eof) {
      Stream s = session.streams.get(d.item().streamId);
      if (s != null && predicateDataSend(s) != 0) session.detachData(s);
    }
    resetActive();
  }

  private void resetActive() {
    active = null;
    activeSent = null;
    out = null;
    outPos = 0;
    outEnd = 0;
    sendState = SendState.POP_ITEM;
  }

  private void setOut(byte[] bytes) {
    out = bytes;
    outPos = 0;
    outEnd = bytes.length;
  }

  private void frameSent(SentFrame sent) {
    session.cb.onFrameSend.onFrameSend(session, sent);
  }

  private void frameNotSent(OutboundItem item, int error) {
    if (item instanceof OutboundItem.Data) {
      return;
    }
    int type = item instanceof OutboundItem.HeaderBlock ? FrameType.HEADERS.code
        : ((OutboundItem.Control) item).frame().typeCode();
    if (type != FrameType.WINDOW_UPDATE.code) {
      session.cb.onFrameNotSend.onFrameNotSend(session, type, item.streamId(), error);
    }
    if (item instanceof OutboundItem.HeaderBlock h && h.opensStream()) {
      Stream s = session.streams.get(h.streamId());
      if (s != null) session.closeStream(s, ErrorCode.REFUSED_STREAM.code);
    }
  }
}
