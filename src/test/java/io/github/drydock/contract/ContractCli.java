package io.github.drydock.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.cli.CliJson;
import io.github.drydock.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One in-process run of the command line through its public entry point {@link Main#run}, with what
 * it printed.
 *
 * @param args the arguments given
 * @param code the exit code
 * @param out  standard output
 * @param err  standard error
 */
record ContractCli(List<String> args, int code, String out, String err) {
    /** Copies the arguments defensively. */
    ContractCli {
        args = List.copyOf(args);
    }

    /** Runs {@code drydock --root ROOT ARGS...}. */
    static ContractCli run(Path root, String... args) {
        List<String> all = new ArrayList<>(List.of("--root", root.toString()));
        all.addAll(List.of(args));
        return run(all);
    }

    /** Runs {@code drydock ARGS...}. */
    static ContractCli run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(out, false, StandardCharsets.UTF_8),
                new PrintStream(err, false, StandardCharsets.UTF_8));
        return new ContractCli(args, code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** @return stdout parsed as one JSON document */
    JsonNode json() {
        try {
            return CliJson.MAPPER.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("stdout of " + args + " is not one JSON document: " + out, e);
        }
    }

    /** @return the field names of a JSON object, in order */
    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Override
    public String toString() {
        return "drydock " + String.join(" ", args) + " -> " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
