package dev.provably.nautilus.enclave.nsm;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.file.Path;

/**
 * {@code /dev/nsm} through {@code ioctl}, as {@code nsm-api}'s driver does it: the request and a
 * response buffer travel in a {@code struct nsm_message { struct iovec request; struct iovec response; }},
 * and the driver shortens the response iovec to the bytes it wrote. Calls are serialised on the
 * one descriptor. This cannot run outside a Nitro Enclave.
 */
public final class NsmDevice implements NsmTransport {
    /** {@code NSM_REQUEST_MAX_SIZE} in the reference driver. */
    public static final int REQUEST_MAX = 0x1000;
    /** {@code NSM_RESPONSE_MAX_SIZE} in the reference driver. */
    public static final int RESPONSE_MAX = 0x3000;

    private static final int NSM_IOCTL_MAGIC = 0x0A;
    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    private static final int EMSGSIZE = 90;

    interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        int ioctl(int fd, NativeLong request, Pointer argument) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private final LibC libc;
    private final int fd;
    private boolean closed;

    private NsmDevice(LibC libc, int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    public static NsmDevice open(Path device) throws NsmException {
        LibC libc;
        try {
            libc = Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError e) {
            throw new NsmException("cannot load libc for ioctl: " + e.getMessage());
        }
        try {
            return new NsmDevice(libc, libc.open(device.toString(), O_RDWR | O_CLOEXEC));
        } catch (LastErrorException e) {
            throw new NsmException("cannot open " + device + " (errno " + e.getErrorCode()
                    + "): not inside a Nitro Enclave? Use --local to run with the development CA");
        }
    }

    @Override
    public synchronized byte[] exchange(byte[] request) throws NsmException {
        if (closed) {
            throw new NsmException("NSM device is closed");
        }
        if (request.length == 0 || request.length > REQUEST_MAX) {
            throw new NsmException(
                    NsmErrorCode.INPUT_TOO_LARGE,
                    "NSM request must be 1.." + REQUEST_MAX + " bytes, got " + request.length);
        }
        Memory requestBuffer = new Memory(request.length);
        requestBuffer.write(0, request, 0, request.length);
        Memory responseBuffer = new Memory(RESPONSE_MAX);
        Memory message = NsmMessage.pack(requestBuffer, request.length, responseBuffer, RESPONSE_MAX);
        try {
            libc.ioctl(fd, new NativeLong(NsmMessage.ioctlRequest()), message);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EMSGSIZE) {
                throw new NsmException(NsmErrorCode.INPUT_TOO_LARGE, "NSM rejected the request as too large");
            }
            throw new NsmException(NsmErrorCode.INTERNAL_ERROR, "NSM ioctl failed with errno " + e.getErrorCode());
        }
        long length = NsmMessage.responseLength(message);
        if (length < 0 || length > RESPONSE_MAX) {
            throw new NsmException("NSM driver reported an impossible response length " + length);
        }
        return responseBuffer.getByteArray(0, (int) length);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                libc.close(fd);
            } catch (LastErrorException e) {
                // Nothing is left to release: the descriptor is gone either way.
            }
        }
    }
}
