package io.github.drydock.driver;

/**
 * Waiting for the worker threads drydock starts beside a reader (a walk ahead, a layer reader, a
 * {@code getfattr} scan): a worker is never left behind, whatever interrupts the wait.
 */
public final class Threads {
    private Threads() {
    }

    /**
     * Waits until {@code worker} has ended (at once when it never started), also when interrupted; the
     * interrupt is then kept for the caller.
     *
     * @param worker the thread
     */
    public static void awaitEnd(Thread worker) {
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
