package dev.keywarden.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client of one server's verify endpoint on one kept-alive socket, for timing
 * measurements: a blocking write and read on the calling thread, no thread hand-offs, so a
 * verification's round trip is as short as the server makes it. Not thread-safe.
 */
final class RawVerifier implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final String head;

  /** A client of {@code server}'s account {@code demo}, presenting {@code callerToken}. */
  RawVerifier(ServerProcess server, String callerToken) throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(10_000);
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream());
    head =
        "POST /a/demo"
            + Http.VERIFY
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\napiKey: "
            + callerToken
            + "\r\nContent-Type: application/json\r\nContent-Length: ";
  }

  /** The code the server answers for {@code token}. */
  String code(String token) throws IOException {
    byte[] body = ("{\"key\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] request = (head + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[request.length + body.length];
    System.arraycopy(request, 0, all, 0, request.length);
    System.arraycopy(body, 0, all, request.length, body.length);
    out.write(all);
    out.flush();
    int length = -1;
    String status = line();
    if (!status.startsWith("HTTP/1.1 200")) {
      throw new IOException("verify answered " + status);
    }
    for (String header = line(); !header.isEmpty(); header = line()) {
      if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(header.substring(15).trim());
      }
    }
    String answer = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    int at = answer.indexOf("\"code\":\"");
    return answer.substring(at + 8, answer.indexOf('"', at + 8));
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the server closed the connection");
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
