package dev.vigil.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

public final class Ports {
    public static final String HOST = "127.0.0.1";
    /**
     * Every port handed out in this JVM: the kernel may give the port just released to the next bind, and two ports
     * asked for one server before it binds either (Kafka's listener and controller) must differ.
     */
    private static final Set<Integer> ISSUED = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /**
     * A port free on 127.0.0.1 right now and never handed out before by this JVM (tests use random ports so a running
     * stack never collides).
     */
    public static int free() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = bindAndRelease();
            if (ISSUED.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no port on " + HOST + " that was not handed out already");
    }

    private static int bindAndRelease() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    public static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
