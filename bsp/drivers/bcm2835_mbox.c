/* bcm2835_mbox.c - BCM2835 mailbox, property channel, frame buffer. */
#include "bcm2835_mbox.h"

#include "cpu.h"

#define REG(base, off) (*(volatile uint32_t *)((base) + (off)))

/*
 * The frame-buffer request, word by word: buffer size and code, then each
 * tag as (id, value bytes, code, values...), then the end tag. TAG_* are
 * the index of a tag's id; its values follow at + VAL.
 */
#define HDR_SIZE 0u
#define HDR_CODE 1u
#define TAG_ID 0u
#define TAG_LEN 1u
#define TAG_CODE 2u
#define VAL 3u
#define WORD_BYTES 4u
#define TAG_PHYS_WH 2u                /* width, height */
#define TAG_VIRT_WH (TAG_PHYS_WH + 5u) /* width, height */
#define TAG_DEPTH (TAG_VIRT_WH + 5u)  /* bits per pixel */
#define TAG_ORDER (TAG_DEPTH + 4u)    /* pixel order */
#define TAG_ALLOC (TAG_ORDER + 4u)    /* alignment in; base, size out */
#define TAG_PITCH (TAG_ALLOC + 5u)    /* bytes per row out */
#define TAG_END (TAG_PITCH + 4u)
#define FB_WORDS (TAG_END + 1u)

_Static_assert(FB_WORDS <= BCM2835_MBOX_FB_BUF_WORDS,
               "the frame-buffer request must fit its buffer");

int bcm2835_mbox_property(uintptr_t base, volatile uint32_t *buf)
{
    uintptr_t addr = (uintptr_t)buf;
    uint32_t msg = (uint32_t)addr | BCM2835_MBOX_BUS_ALIAS |
                   BCM2835_MBOX_CH_PROPERTY;
    uint32_t spins;

    if ((addr & (BCM2835_MBOX_BUF_ALIGN - 1u)) != 0u) {
        return -1;
    }
    /* The buffer's stores must be in memory before the VideoCore is told
     * where it is. */
    cpu_dsb();
    for (spins = 0u; (REG(base, BCM2835_MBOX_STATUS1) & BCM2835_MBOX_FULL) != 0u;
         spins++) {
        if (spins == BCM2835_MBOX_SPIN_LIMIT) {
            return -1;
        }
    }
    REG(base, BCM2835_MBOX_WRITE) = msg;
    /* Wait for the answer on this channel; a message for another channel
     * (none is expected) is read and dropped. */
    for (spins = 0u; spins < BCM2835_MBOX_SPIN_LIMIT; spins++) {
        if ((REG(base, BCM2835_MBOX_STATUS0) & BCM2835_MBOX_EMPTY) != 0u) {
            continue;
        }
        if ((REG(base, BCM2835_MBOX_READ) & BCM2835_MBOX_CHANNEL_MASK) ==
            BCM2835_MBOX_CH_PROPERTY) {
            cpu_barrier();
            return buf[HDR_CODE] == BCM2835_MBOX_RESPONSE_OK ? 0 : -1;
        }
    }
    return -1;
}

/* Writes a tag's header: id, value bytes, request code. */
static void put_tag(volatile uint32_t *buf, unsigned at, uint32_t id,
                    unsigned words)
{
    buf[at + TAG_ID] = id;
    buf[at + TAG_LEN] = words * WORD_BYTES;
    buf[at + TAG_CODE] = BCM2835_MBOX_REQUEST;
}

/* True if the VideoCore answered the tag at index at. */
static int answered(const volatile uint32_t *buf, unsigned at)
{
    return (buf[at + TAG_CODE] & BCM2835_MBOX_TAG_RESPONSE) != 0u;
}

int bcm2835_mbox_fb_init(uintptr_t base, volatile uint32_t *buf,
                         uint32_t width, uint32_t height,
                         struct bcm2835_fb *fb)
{
    static const unsigned tags[] = {TAG_PHYS_WH, TAG_VIRT_WH, TAG_DEPTH,
                                    TAG_ORDER,   TAG_ALLOC,   TAG_PITCH};

    buf[HDR_SIZE] = FB_WORDS * WORD_BYTES;
    buf[HDR_CODE] = BCM2835_MBOX_REQUEST;
    put_tag(buf, TAG_PHYS_WH, BCM2835_MBOX_TAG_SET_PHYS_WH, 2u);
    buf[TAG_PHYS_WH + VAL] = width;
    buf[TAG_PHYS_WH + VAL + 1u] = height;
    put_tag(buf, TAG_VIRT_WH, BCM2835_MBOX_TAG_SET_VIRT_WH, 2u);
    buf[TAG_VIRT_WH + VAL] = width;
    buf[TAG_VIRT_WH + VAL + 1u] = height;
    put_tag(buf, TAG_DEPTH, BCM2835_MBOX_TAG_SET_DEPTH, 1u);
    buf[TAG_DEPTH + VAL] = BCM2835_MBOX_FB_BPP;
    put_tag(buf, TAG_ORDER, BCM2835_MBOX_TAG_SET_PIXEL_ORDER, 1u);
    buf[TAG_ORDER + VAL] = BCM2835_MBOX_PIXEL_ORDER_RGB;
    put_tag(buf, TAG_ALLOC, BCM2835_MBOX_TAG_ALLOCATE_BUFFER, 2u);
    buf[TAG_ALLOC + VAL] = BCM2835_MBOX_FB_ALIGN;
    buf[TAG_ALLOC + VAL + 1u] = 0u;
    put_tag(buf, TAG_PITCH, BCM2835_MBOX_TAG_GET_PITCH, 1u);
    buf[TAG_PITCH + VAL] = 0u;
    buf[TAG_END] = BCM2835_MBOX_TAG_END;

    if (bcm2835_mbox_property(base, buf) != 0) {
        return -1;
    }
    for (unsigned i = 0u; i < sizeof tags / sizeof tags[0]; i++) {
        if (!answered(buf, tags[i])) {
            return -1;
        }
    }
    if (buf[TAG_ALLOC + VAL] == 0u) {
        return -1;
    }
    fb->phys = BCM2835_MBOX_BUS_TO_PHYS(buf[TAG_ALLOC + VAL]);
    fb->size = buf[TAG_ALLOC + VAL + 1u];
    fb->pitch = buf[TAG_PITCH + VAL];
    fb->width = buf[TAG_PHYS_WH + VAL];
    fb->height = buf[TAG_PHYS_WH + VAL + 1u];
    return 0;
}
