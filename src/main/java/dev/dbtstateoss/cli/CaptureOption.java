package dev.dbtstateoss.cli;

import dev.dbtstateoss.capture.CaptureWriter;
import dev.dbtstateoss.server.CaptureInterceptor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import picocli.CommandLine.Option;

/** {@code serve --capture FILE}: records every call for {@code replay}. */
final class CaptureOption {
    @Option(names = "--capture", paramLabel = "FILE",
            description = "Append every call (request, answer, headers; authorization redacted) to FILE, one JSON line"
                    + " each, for `replay`. Capture never delays or fails a call: when it cannot keep up or cannot"
                    + " write, it drops or stops with one warning and the server keeps answering.")
    Path file;

    /** The writer for FILE, or none without --capture; a file that cannot be written is a usage error. */
    Optional<CaptureWriter> open(Logger log) {
        if (file == null) {
            return Optional.empty();
        }
        try {
            CaptureWriter writer = CaptureWriter.open(file, log::warning);
            log.info("capturing every call to " + file);
            return Optional.of(writer);
        } catch (IOException | RuntimeException e) {
            throw new ExitCodes.UserInputException("--capture " + file + ": cannot write (" + e.getMessage() + ")");
        }
    }

    static Optional<CaptureInterceptor> interceptor(Optional<CaptureWriter> writer, Clock clock) {
        return writer.map(w -> new CaptureInterceptor(w, clock));
    }
}
