package example;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The server this project ships, in miniature: Netty h2c (prior knowledge) answering every GET with a 64 KiB body. */
final class NettyH2cServer implements AutoCloseable {
  static final byte[] BODY = new byte[64 * 1024];

  static {
    for (int i = 0; i < BODY.length; i++) BODY[i] = (byte) (i % 251);
  }

  private final NioEventLoopGroup group = new NioEventLoopGroup(1);
  private final Channel channel;

  NettyH2cServer() throws InterruptedException {
    channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                  @Override protected void initChannel(Http2StreamChannel stream) {
                    stream.pipeline().addLast(new Answer());
                  }
                }), new Quiet());
          }
        }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
  }

  int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /**
   * Netty's HTTP/2 handler has already answered a protocol error (GOAWAY) by the time the exception
   * reaches the end of the pipeline: nothing is left to do but not log it as unhandled.
   */
  private static final class Quiet extends ChannelInboundHandlerAdapter {
    @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    }
  }

  private static final class Answer extends SimpleChannelInboundHandler<Http2HeadersFrame> {
    @Override protected void channelRead0(ChannelHandlerContext ctx, Http2HeadersFrame request) {
      ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
          .setInt("content-length", BODY.length), false));
      ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(BODY), true));
    }
  }
}
