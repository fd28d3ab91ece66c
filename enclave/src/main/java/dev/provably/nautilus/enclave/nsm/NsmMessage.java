package dev.provably.nautilus.enclave.nsm;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** Layout of the driver's {@code struct nsm_message}: two {@code struct iovec}s, each {pointer, size_t}. */
final class NsmMessage {
    private static final int POINTER = Native.POINTER_SIZE;
    private static final int SIZE_T = Native.SIZE_T_SIZE;
    private static final int IOVEC = POINTER + SIZE_T;
    static final int SIZE = 2 * IOVEC;

    private static final long IOC_READ_WRITE = 3L;
    private static final int IOC_SIZESHIFT = 16;
    private static final int IOC_DIRSHIFT = 30;
    private static final int IOC_TYPESHIFT = 8;

    private NsmMessage() {}

    /** {@code _IOWR(0x0A, 0, struct nsm_message)} as the Linux ioctl macros compute it. */
    static long ioctlRequest() {
        return (IOC_READ_WRITE << IOC_DIRSHIFT) | ((long) SIZE << IOC_SIZESHIFT) | (0x0AL << IOC_TYPESHIFT);
    }

    static Memory pack(Pointer request, long requestLength, Pointer response, long responseCapacity) {
        Memory message = new Memory(SIZE);
        message.setPointer(0, request);
        writeSize(message, POINTER, requestLength);
        message.setPointer(IOVEC, response);
        writeSize(message, IOVEC + POINTER, responseCapacity);
        return message;
    }

    /** The response iovec's length after the driver wrote it. */
    static long responseLength(Pointer message) {
        return SIZE_T == 8 ? message.getLong(IOVEC + POINTER) : message.getInt(IOVEC + POINTER) & 0xffff_ffffL;
    }

    static long requestLength(Pointer message) {
        return SIZE_T == 8 ? message.getLong(POINTER) : message.getInt(POINTER) & 0xffff_ffffL;
    }

    private static void writeSize(Pointer message, long offset, long value) {
        if (SIZE_T == 8) {
            message.setLong(offset, value);
        } else {
            message.setInt(offset, (int) value);
        }
    }
}
