package io.facefleet.engine.image;

/** Unsigned integer reads from a byte array; the callers check the bounds first. */
final class Bytes {

    private Bytes() {
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    static int u16be(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    static int u16le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static long u32be(byte[] b, int at) {
        return (long) u16be(b, at) << 16 | u16be(b, at + 2);
    }

    static long u32le(byte[] b, int at) {
        return u16le(b, at) | (long) u16le(b, at + 2) << 16;
    }

    static int s32le(byte[] b, int at) {
        return (int) u32le(b, at);
    }
}
