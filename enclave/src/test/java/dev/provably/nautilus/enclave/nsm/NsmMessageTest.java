package dev.provably.nautilus.enclave.nsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The ioctl itself needs /dev/nsm (only inside an enclave); its argument layout is checked here. */
class NsmMessageTest {

    @Test
    @DisplayName("the ioctl number is _IOWR(0x0A, 0, struct nsm_message) = 0xC0200A00 on 64-bit Linux")
    void ioctlNumber() {
        assumeTrue(Native.POINTER_SIZE == 8, "64-bit layout");
        assertEquals(32, NsmMessage.SIZE);
        assertEquals(0xC0200A00L, NsmMessage.ioctlRequest());
    }

    @Test
    @DisplayName("nsm_message holds {request ptr, request len, response ptr, response capacity}")
    void messageLayout() {
        assumeTrue(Native.POINTER_SIZE == 8, "64-bit layout");
        Memory request = new Memory(10);
        Memory response = new Memory(NsmDevice.RESPONSE_MAX);
        Memory message = NsmMessage.pack(request, 10, response, NsmDevice.RESPONSE_MAX);
        assertEquals(Pointer.nativeValue(request), message.getLong(0));
        assertEquals(10, message.getLong(8));
        assertEquals(Pointer.nativeValue(response), message.getLong(16));
        assertEquals(0x3000, message.getLong(24));
        assertEquals(10, NsmMessage.requestLength(message));
        // The driver shortens the response iovec to what it wrote.
        message.setLong(24, 1234);
        assertEquals(1234, NsmMessage.responseLength(message));
    }
}
