/*
 * clip.h - reader of the media clip container made by tools/mkclip.py.
 *
 * Layout (all integers little-endian, see docs/media.md):
 *
 *   offset 0   char     magic[4] = "MJCL"
 *          4   uint16   version = 1
 *          6   uint16   width   (pixels)
 *          8   uint16   height  (pixels)
 *         10   uint16   fps     (frames per second, > 0)
 *         12   uint32   frame_count (> 0)
 *         16   frame table: frame_count x { uint32 offset, uint32 size },
 *              offset from the start of the clip
 *         ...  the frames, each a complete baseline JPEG file, 4-byte
 *              aligned
 *
 * clip_open() validates the whole table once, so clip_frame() needs no
 * checks and cannot fail for an index below frame_count. Header only: every
 * function is static inline, freestanding, allocation free.
 */
#ifndef MEDIA_CLIP_H
#define MEDIA_CLIP_H

#include <stddef.h>
#include <stdint.h>

#define CLIP_MAGIC "MJCL"
#define CLIP_VERSION 1u
#define CLIP_HEADER_SIZE 16u
#define CLIP_ENTRY_SIZE 8u

/* A validated clip. Points into the caller's clip data, which must stay. */
struct clip_info {
    const uint8_t *data;   /* first byte of the clip */
    size_t size;           /* bytes in the clip */
    unsigned width;        /* frame width in pixels */
    unsigned height;       /* frame height in pixels */
    unsigned fps;          /* presentation rate, frames per second */
    uint32_t frame_count;  /* frames in the table, > 0 */
};

static inline uint32_t clip_le16(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8);
}

static inline uint32_t clip_le32(const uint8_t *p)
{
    return clip_le16(p) | (clip_le16(p + 2) << 16);
}

/* Checks the header and every table entry (in bounds, after the table,
 * starting with a JPEG SOI). Returns 0 and fills *clip, or -1. */
static inline int clip_open(struct clip_info *clip, const void *data,
                            size_t size)
{
    const uint8_t *p = (const uint8_t *)data;
    if (!clip || !p || size < CLIP_HEADER_SIZE)
        return -1;
    if (p[0] != 'M' || p[1] != 'J' || p[2] != 'C' || p[3] != 'L' ||
        clip_le16(p + 4) != CLIP_VERSION)
        return -1;
    uint32_t count = clip_le32(p + 12);
    if (count == 0 || clip_le16(p + 6) == 0 || clip_le16(p + 8) == 0 ||
        clip_le16(p + 10) == 0)
        return -1;
    if (count > (size - CLIP_HEADER_SIZE) / CLIP_ENTRY_SIZE)
        return -1;
    size_t table_end = CLIP_HEADER_SIZE + (size_t)count * CLIP_ENTRY_SIZE;
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *e = p + CLIP_HEADER_SIZE + (size_t)i * CLIP_ENTRY_SIZE;
        uint32_t off = clip_le32(e), len = clip_le32(e + 4);
        if (off < table_end || off > size || len > size - off || len < 4)
            return -1;
        if (p[off] != 0xFF || p[off + 1] != 0xD8)
            return -1;
    }
    clip->data = p;
    clip->size = size;
    clip->width = clip_le16(p + 6);
    clip->height = clip_le16(p + 8);
    clip->fps = clip_le16(p + 10);
    clip->frame_count = count;
    return 0;
}

/* The JPEG data of frame index (index < frame_count, else index is taken
 * modulo frame_count so a player can loop with a running counter). */
static inline void clip_frame(const struct clip_info *clip, uint32_t index,
                              const uint8_t **jpeg, size_t *len)
{
    const uint8_t *e = clip->data + CLIP_HEADER_SIZE +
                       (size_t)(index % clip->frame_count) * CLIP_ENTRY_SIZE;
    *jpeg = clip->data + clip_le32(e);
    *len = clip_le32(e + 4);
}

#endif /* MEDIA_CLIP_H */
