package dev.h2harness.interop;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
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
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.Version;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Netty 4.1 (Maven Central, test scope) in process: an HTTP/2 server (h2c with prior knowledge, or
 * TLS with ALPN h2 on the JDK's TLS) built from Http2FrameCodec and Http2MultiplexHandler, answering each GET with the file as one DATA write
 * (Netty's flow controller splits it by frame size and windows).
 */
record NettyStack() implements ServerStack {
  @Override public String id() {
    return "netty";
  }

  @Override public String name() {
    return "Netty";
  }

  @Override public String version() {
    Version v = Version.identify().get("netty-codec-http2");
    return v == null ? "unknown" : v.artifactVersion();
  }

  @Override public Set<Wire> wires() {
    return Set.of(Wire.H2C, Wire.TLS);
  }

  @Override public String missing() {
    return null;
  }

  @Override public RunningServer start(Wire wire, DocRoot root, Path work, Certs certs) throws Exception {
    SslContext tls = wire == Wire.H2C ? null : SslContextBuilder.forServer(certs.cert().toFile(), certs.key().toFile())
        .sslProvider(SslProvider.JDK)
        .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2))
        .build();
    NioEventLoopGroup group = new NioEventLoopGroup(1);
    Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override protected void initChannel(SocketChannel ch) {
            if (tls != null) ch.pipeline().addLast(tls.newHandler(ch.alloc()));
            ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                  @Override protected void initChannel(Http2StreamChannel stream) {
                    stream.pipeline().addLast(new Files(root));
                  }
                }));
          }
        }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    String url = wire.scheme + "://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort();
    return new RunningServer() {
      @Override public String url() {
        return url;
      }

      @Override public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      }
    };
  }

  /** Answers a request's HEADERS with the named file, or 404. */
  private static final class Files extends SimpleChannelInboundHandler<Http2HeadersFrame> {
    private final DocRoot root;

    Files(DocRoot root) {
      this.root = root;
    }

    @Override protected void channelRead0(ChannelHandlerContext ctx, Http2HeadersFrame request) throws Exception {
      String path = String.valueOf(request.headers().path());
      Path file = root.dir().resolve(path.replaceFirst("^/+", "").replaceFirst("\\?.*", "")).normalize();
      if (!file.startsWith(root.dir()) || !java.nio.file.Files.isRegularFile(file)) {
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("404"), true));
        return;
      }
      byte[] body = java.nio.file.Files.readAllBytes(file);
      ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
          .setInt("content-length", body.length), body.length == 0));
      if (body.length > 0) ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), true));
      ctx.flush();
    }
  }
}
