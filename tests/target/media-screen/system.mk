# media-screen: the player's frames reach the display - a QEMU screen dump
# at a known frame matches the clip's source image - and the CLCD is the
# player's alone (see system.toml and check.py).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_APPS_DIR := tests/target/media-screen/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
SYSTEM_CHECK := tests/target/media-screen/check.py
# The display word the intruder reads on boards other than versatilepb:
# the Pi's frame buffer (bsp/raspi0/board.toml display).
MEDIA_SCREEN_DEFINES_raspi0 := -DINTRUDER_TARGET=0x1c100000u
MEDIA_SCREEN_DEFINES_raspi1ap := $(MEDIA_SCREEN_DEFINES_raspi0)
PK_APP_DEFINES := $(MEDIA_SCREEN_DEFINES_$(BOARD))
