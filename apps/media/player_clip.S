/*
 * player_clip.S - the clip played by the media partition, embedded as
 * read-only data of its user range (apps/media/clip.bin, made by
 * tools/mkclip.py; container described in apps/media/clip.h). The path is
 * relative to the repository root, where the build runs.
 */
    .section .rodata.clip, "a"
    .balign 4
    .global clip_data, clip_data_end
clip_data:
    .incbin "apps/media/clip.bin"
clip_data_end:
