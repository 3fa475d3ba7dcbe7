# Media building blocks: clip reader and JPEG decoder (see docs/media.md).
# MEDIA_ROOT lets the test find apps/media/clip.bin, the vectors under
# tests/host/media/data and tools/mkclip.py wherever it is run from.
HOST_TESTS += media_jpeg
media_jpeg_SRCS := tests/host/media/test_jpeg.c apps/media/jpeg.c
media_jpeg_CFLAGS := -Iapps/media -DMEDIA_ROOT=\"$(CURDIR)\"
media_jpeg_LDLIBS := -lm
