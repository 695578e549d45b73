package org.hostr.nostr.relay;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A raw TCP server for what a Javalin relay will not do: accept and then say nothing, or complete the WebSocket
 * handshake with an extension nobody asked for.
 */
final class SilentSocketServer implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Function<String, List<String>> script;

    private SilentSocketServer(Function<String, List<String>> script) throws IOException {
        this.script = script;
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "silent-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Accepts connections and never answers the HTTP upgrade. */
    static SilentSocketServer neverAnswering() throws IOException {
        return new SilentSocketServer(null);
    }

    /**
     * Answers 101 with permessage-deflate although the client did not offer it, then answers the REQ with the
     * script's frames, uncompressed (which permessage-deflate allows).
     */
    static SilentSocketServer forcingCompression(Function<String, List<String>> script) throws IOException {
        return new SilentSocketServer(script);
    }

    String url() {
        return "ws://127.0.0.1:" + server.getLocalPort() + "/";
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.add(socket);
                if (script != null) {
                    upgrade(socket, script);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void upgrade(Socket socket, Function<String, List<String>> script) throws IOException {
        String key = null;
        InputStream in = socket.getInputStream();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                key = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String subscriptionId = JSON.readTree(readClientText(in)).path(1).asText();
        for (String frame : script.apply(subscriptionId)) {
            byte[] text = frame.getBytes(StandardCharsets.UTF_8);
            out.write(0x81); // FIN + text, unmasked; lengths up to 65535
            if (text.length < 126) {
                out.write(text.length);
            } else {
                out.write(126);
                out.write(text.length >> 8);
                out.write(text.length & 0xff);
            }
            out.write(text);
        }
        out.flush();
    }

    /** One short masked text frame from the client (RFC 6455 §5.2). */
    private static String readClientText(InputStream in) throws IOException {
        in.read();
        int length = in.read() & 0x7f;
        if (length == 126) {
            length = in.read() << 8 | in.read();
        }
        byte[] mask = in.readNBytes(4);
        byte[] payload = in.readNBytes(length);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
        }
        return new String(payload, StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    int connections() {
        return accepted.size();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
