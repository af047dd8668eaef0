package io.github.drydock.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Runs a small system tool ({@code mkfifo}, {@code mknod}, {@code touch}) for what Java cannot do. */
final class Processes {
    private Processes() {
    }

    static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException(command[0] + " failed (exit " + exit + "): " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException(command[0] + " interrupted", e);
        }
    }
}
