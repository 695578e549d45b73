package org.hostr.nostr.relay;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets that fail once the peer has sent more than a fixed number of bytes. OkHttp reads a whole WebSocket
 * message into memory before the listener sees it, whatever its size, so a size check in the listener comes too late:
 * this is the limit that actually bounds memory. TLS sockets are layered on top of these, so wss is counted too
 * (in encrypted bytes).
 */
final class ByteBudgetSocketFactory extends SocketFactory {
    private final long maxBytes;

    ByteBudgetSocketFactory(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Socket createSocket() {
        return new BudgetedSocket(maxBytes);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localHost, localPort));
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    private Socket connected(InetSocketAddress address) throws IOException {
        Socket socket = createSocket();
        socket.connect(address);
        return socket;
    }

    private static final class BudgetedSocket extends Socket {
        private final long maxBytes;
        private InputStream in;

        BudgetedSocket(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new BudgetedInputStream(super.getInputStream(), maxBytes);
            }
            return in;
        }
    }

    private static final class BudgetedInputStream extends FilterInputStream {
        private final long maxBytes;
        private long read;

        BudgetedInputStream(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        // skip() is not counted: skipped bytes are not kept, and TLS skips leftovers while closing.
        private void count(long n) throws IOException {
            read += n;
            if (read > maxBytes) {
                throw new IOException("peer sent more than " + maxBytes + " bytes on one connection");
            }
        }
    }
}
