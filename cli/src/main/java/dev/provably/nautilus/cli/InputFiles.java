package dev.provably.nautilus.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Expands the command line's inputs into the files to verify and reads them with a size bound.
 * A directory contributes every regular file directly inside it (not recursively), sorted by name;
 * {@code -} stands for standard input.
 */
final class InputFiles {

    private InputFiles() {}

    /**
     * One input to report on: a file to read, or a path that already failed (e.g. an unlistable
     * directory), which becomes one rejected line.
     */
    static final class Entry {
        private final Path path;
        private final InputException failure;
        private final InputStream stdin;

        private Entry(Path path, InputException failure, InputStream stdin) {
            this.path = path;
            this.failure = failure;
            this.stdin = stdin;
        }

        Path path() {
            return path;
        }

        /** The entry's bytes as read (bounded): the file's, or standard input's for {@code -}. */
        byte[] bytes() throws InputException {
            if (failure != null) {
                throw failure;
            }
            return stdin != null ? bounded(stdin) : read(path);
        }

        /** The document bytes of this entry, decoded and bounded. */
        byte[] document() throws InputException {
            return DocumentDecoder.decode(bytes());
        }
    }

    static boolean isStandardInput(Path input) {
        return input.toString().equals("-");
    }

    static List<Entry> expand(List<Path> inputs, InputStream stdin) {
        List<Entry> entries = new ArrayList<>();
        for (Path input : inputs) {
            if (isStandardInput(input)) {
                entries.add(new Entry(input, null, stdin));
                continue;
            }
            if (!Files.isDirectory(input)) {
                entries.add(new Entry(input, null, null));
                continue;
            }
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(input)) {
                for (Path child : dir) {
                    if (Files.isRegularFile(child)) {
                        files.add(child);
                    }
                }
            } catch (IOException e) {
                entries.add(new Entry(input, unreadable(e), null));
                continue;
            }
            files.sort(Comparator.comparing(p -> p.getFileName().toString()));
            for (Path file : files) {
                entries.add(new Entry(file, null, null));
            }
        }
        return entries;
    }

    /** Reads at most {@link DocumentDecoder#MAX_FILE_BYTES}; a larger file is rejected unread. */
    static byte[] read(Path file) throws InputException {
        if (Files.isDirectory(file)) {
            throw new InputException(InputException.UNREADABLE, "is a directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return bounded(in);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static byte[] bounded(InputStream in) throws InputException {
        byte[] bytes;
        try {
            bytes = in.readNBytes(DocumentDecoder.MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (bytes.length > DocumentDecoder.MAX_FILE_BYTES) {
            throw new InputException(
                    InputException.MALFORMED,
                    "file is larger than "
                            + DocumentDecoder.MAX_FILE_BYTES + " bytes (documents are at most "
                            + DocumentDecoder.MAX_DOCUMENT_BYTES + " bytes); not read");
        }
        return bytes;
    }

    private static InputException unreadable(IOException e) {
        String why;
        if (e instanceof NoSuchFileException) {
            why = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else {
            why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return new InputException(InputException.UNREADABLE, "cannot read: " + why);
    }
}
