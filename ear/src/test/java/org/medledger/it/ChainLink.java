package org.medledger.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network link between the server under test and its chain node: a loopback TCP forwarder
 * the tests can cut and restore, to take the chain away from the server without losing its state.
 * One link per test JVM, started on first use.
 */
final class ChainLink {

    private static ChainLink instance;

    private final int listenPort;
    private final int nodePort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    private ChainLink(int listenPort, int nodePort) {
        this.listenPort = listenPort;
        this.nodePort = nodePort;
    }

    static synchronized ChainLink up() {
        if (instance == null) {
            instance = new ChainLink(Integer.getInteger("medledger.it.chain.port", 18545),
                    Integer.getInteger("medledger.it.chain.node.port", 18555));
        }
        instance.restore();
        return instance;
    }

    synchronized void restore() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
            server = socket;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open the chain link on port " + listenPort, e);
        }
        Thread acceptor = new Thread(() -> accept(server), "chain-link-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The chain becomes unreachable for the server: new connections are refused, open ones dropped. */
    synchronized void cut() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        server = null;
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        open.clear();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket node = new Socket(InetAddress.getLoopbackAddress(), nodePort);
                open.add(client);
                open.add(node);
                pump(client, node);
                pump(node, client);
            } catch (IOException e) {
                if (listening.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                open.remove(from);
                open.remove(to);
            }
        }, "chain-link-pump");
        thread.setDaemon(true);
        thread.start();
    }
}
