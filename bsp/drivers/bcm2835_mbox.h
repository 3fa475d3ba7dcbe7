/*
 * bcm2835_mbox.h - the BCM2835 VideoCore mailbox (Raspberry Pi Zero and
 * Pi 1; QEMU -M raspi0 and raspi1ap), ARM physical 0x2000B880, bus
 * 0x7E00B880, used through the property channel (8) to set up a frame
 * buffer.
 *
 * Mailbox 0 carries the VideoCore's replies to the ARM (read at +0x00,
 * status at +0x18), mailbox 1 the ARM's requests (write at +0x20, status at
 * +0x38). A message is a 16-byte aligned bus address with the channel in
 * its low 4 bits. The property channel's message is a buffer in RAM: its
 * size, a request/response code, then tags (id, value size, request/
 * response code, value words), then an end tag; the VideoCore answers in
 * the same buffer.
 *
 * Addresses: the VideoCore sees RAM at bus addresses. The BCM2835 (unlike
 * later chips) maps ARM RAM at bus 0x40000000 through the VideoCore's L2
 * cache, the alias its firmware expects by default, so the driver passes
 * buffer addresses | BCM2835_MBOX_BUS_ALIAS. Bus addresses returned (the
 * frame buffer) are made ARM physical with BCM2835_MBOX_BUS_TO_PHYS. Checked
 * under QEMU 7.2 (raspi0): the property buffer is found at its plain
 * address and at the 0x40000000 and 0xC0000000 aliases alike, and the
 * frame buffer comes back as 0x1C100000, with no alias bits, which the mask
 * leaves as it is.
 *
 * Caches, on the hardware: the buffer must be 16-byte aligned, and the
 * VideoCore reads and writes it in memory, behind the ARM's data cache:
 * put it in memory the ARM maps uncached, or clean its lines before the
 * call and invalidate them before reading the answer. The driver drains
 * the write buffer before posting the message. The buffer must lie in RAM
 * the kernel maps at its physical address (its pointer is passed on as the
 * physical address).
 *
 * Frame buffer: 32 bits per pixel with the pixel order set to RGB, which
 * makes a pixel word 0x00BBGGRR (red in bits 7..0: a screen dump of QEMU
 * 7.2 shows 0x000000FF red, 0x0000FF00 green, 0x00FF0000 blue); row y
 * starts at phys + y * pitch.
 */
#ifndef BCM2835_MBOX_H
#define BCM2835_MBOX_H

#include <stdint.h>

/* Register offsets. */
#define BCM2835_MBOX_READ 0x00u    /* mailbox 0: VideoCore to ARM */
#define BCM2835_MBOX_STATUS0 0x18u /* mailbox 0 status */
#define BCM2835_MBOX_CONFIG0 0x1Cu /* mailbox 0 configuration (IRQ enable) */
#define BCM2835_MBOX_WRITE 0x20u   /* mailbox 1: ARM to VideoCore */
#define BCM2835_MBOX_STATUS1 0x38u /* mailbox 1 status */

#define BCM2835_MBOX_FULL 0x80000000u  /* status: no room to write */
#define BCM2835_MBOX_EMPTY 0x40000000u /* status: nothing to read */
#define BCM2835_MBOX_CHANNEL_MASK 0xFu /* message bits 3..0 */
#define BCM2835_MBOX_CH_PROPERTY 8u    /* property tags, ARM to VideoCore */

/* Property buffer codes. */
#define BCM2835_MBOX_REQUEST 0x00000000u
#define BCM2835_MBOX_RESPONSE_OK 0x80000000u /* buffer code: success */
#define BCM2835_MBOX_TAG_RESPONSE 0x80000000u /* tag code: answered */
#define BCM2835_MBOX_TAG_END 0x00000000u

/* Property tags used here. */
#define BCM2835_MBOX_TAG_ALLOCATE_BUFFER 0x00040001u /* align -> base, size */
#define BCM2835_MBOX_TAG_GET_PITCH 0x00040008u       /* -> bytes per row */
#define BCM2835_MBOX_TAG_SET_PHYS_WH 0x00048003u     /* width, height */
#define BCM2835_MBOX_TAG_SET_VIRT_WH 0x00048004u     /* width, height */
#define BCM2835_MBOX_TAG_SET_DEPTH 0x00048005u       /* bits per pixel */
#define BCM2835_MBOX_TAG_SET_PIXEL_ORDER 0x00048006u /* 0 BGR, 1 RGB */
#define BCM2835_MBOX_PIXEL_ORDER_RGB 1u

/* Address translation between the ARM and the VideoCore (see above). */
#define BCM2835_MBOX_BUS_ALIAS 0x40000000u
#define BCM2835_MBOX_BUS_TO_PHYS(bus) ((bus) & 0x3FFFFFFFu)
#define BCM2835_MBOX_BUF_ALIGN 16u

/* Status polls before a mailbox call gives up (each poll is one device
 * read; far longer than the VideoCore takes to answer). */
#define BCM2835_MBOX_SPIN_LIMIT 10000000u

/* Frame buffer set up by bcm2835_mbox_fb_init(). */
#define BCM2835_MBOX_FB_BPP 32u
/* Alignment asked for the frame buffer: a page, so that it can be mapped
 * (and given to a partition) page by page. */
#define BCM2835_MBOX_FB_ALIGN 4096u
/* Words of the property buffer bcm2835_mbox_fb_init() needs. */
#define BCM2835_MBOX_FB_BUF_WORDS 32u

/* A frame buffer as the VideoCore allocated it. */
struct bcm2835_fb {
    uint32_t phys;   /* ARM physical address of pixel (0, 0) */
    uint32_t size;   /* bytes */
    uint32_t pitch;  /* bytes from one row to the next */
    uint32_t width;  /* pixels per row, as granted */
    uint32_t height; /* rows, as granted */
};

/*
 * Posts the property buffer buf (16-byte aligned, its size in bytes in
 * buf[0], see above for addresses and caches) on the property channel and
 * waits for the VideoCore's answer in it. Returns 0 when the buffer's code
 * is BCM2835_MBOX_RESPONSE_OK, -1 if buf is misaligned, the mailbox stays
 * full or no answer comes within BCM2835_MBOX_SPIN_LIMIT polls, or the
 * VideoCore reports an error. Polled: the mailbox interrupt is not used.
 */
int bcm2835_mbox_property(uintptr_t base, volatile uint32_t *buf);

/*
 * Asks the VideoCore for a width x height frame buffer of 32 bits per
 * pixel, pixel order RGB (pixel word 0x00BBGGRR), using buf
 * (BCM2835_MBOX_FB_BUF_WORDS words, 16-byte aligned) as the property
 * buffer, and fills *fb. Returns 0, or -1 if the call failed, a tag was not
 * answered, or no buffer was allocated (*fb is then not written). The
 * granted size may differ from the one asked for: read it from *fb.
 */
int bcm2835_mbox_fb_init(uintptr_t base, volatile uint32_t *buf,
                         uint32_t width, uint32_t height,
                         struct bcm2835_fb *fb);

#endif /* BCM2835_MBOX_H */
