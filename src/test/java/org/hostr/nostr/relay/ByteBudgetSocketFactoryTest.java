package org.hostr.nostr.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

class ByteBudgetSocketFactoryTest {

    /** A server that writes {@code bytes} bytes to the first connection, then waits. */
    private static ServerSocket sending(int bytes) throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                byte[] data = new byte[bytes];
                // To a TLS client this starts a 16 KiB handshake record, which it then reads in full.
                System.arraycopy(new byte[] {0x16, 3, 3, 0x40, 0}, 0, data, 0, Math.min(5, bytes));
                out.write(data);
                out.flush();
                Thread.sleep(2_000);
            } catch (IOException | InterruptedException ignored) {
                // the client hung up
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }

    private static Socket connect(ServerSocket server, long budget) throws IOException {
        Socket socket = new ByteBudgetSocketFactory(budget).createSocket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
        return socket;
    }

    @Test
    void readsUpToTheBudget() throws IOException {
        try (ServerSocket server = sending(100); Socket socket = connect(server, 100)) {
            assertThat(socket.getInputStream().readNBytes(100)).hasSize(100);
        }
    }

    @Test
    void failsOnceThePeerSendsMore() throws IOException {
        try (ServerSocket server = sending(5_000); Socket socket = connect(server, 1_000)) {
            InputStream in = socket.getInputStream();
            assertThatThrownBy(() -> in.readNBytes(5_000)).hasMessageContaining("more than 1000 bytes");
        }
    }

    @Test
    void tlsLayeredOnTopIsCountedToo() throws IOException {
        try (ServerSocket server = sending(20_000); Socket raw = connect(server, 100);
                Socket tls = ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(raw, "localhost", server.getLocalPort(), true)) {
            assertThatThrownBy(() -> tls.getInputStream().read()).hasMessageContaining("more than 100 bytes");
        }
    }
}
