# sdcard.mk - the files of a boot SD card for a board booted by the
# Raspberry Pi firmware (board.mk: BOARD_SDCARD := 1). See docs/boards.md.
#
#   make BOARD=raspi0 SYSTEM=<name> sdcard
#
# builds the system for the hardware (HW=1: no semihosting, the exit
# prints the status and halts) in $(BUILD)/hw, then writes
# $(OUT)/sdcard/: kernel.img, the raw binary of that ELF (objcopy -O
# binary: the firmware loads it at 0x8000, the link address), kernel.elf
# (the same image with symbols, for a debugger), config.txt and a README
# naming the firmware files to add. tools/sdcard_check.py checks the folder.

SDCARD_DIR := $(OUT)/sdcard
SDCARD_HW_ELF := $(BUILD)/hw/$(BOARD)/$(SYSTEM)/$(SYSTEM).elf

.PHONY: sdcard
ifeq ($(BOARD_SDCARD),1)
sdcard:
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/hw HW=1 BOARD=$(BOARD) \
	    SYSTEM=$(SYSTEM) $(SDCARD_HW_ELF)
	$(Q)rm -rf $(SDCARD_DIR) && mkdir -p $(SDCARD_DIR)
	$(call quiet,OBJCOPY $(SDCARD_DIR)/kernel.img)
	$(Q)$(TARGET_OBJCOPY) -O binary $(SDCARD_HW_ELF) $(SDCARD_DIR)/kernel.img
	$(Q)cp $(SDCARD_HW_ELF) $(SDCARD_DIR)/kernel.elf
	$(call quiet,GEN     $(SDCARD_DIR)/config.txt)
	$(Q)printf '%s\n' \
	    '# $(SYSTEM) for $(BOARD): written by make sdcard (mk/sdcard.mk).' \
	    '# A 32-bit kernel (arm_64bit is not set), loaded at its link address.' \
	    'kernel=kernel.img' \
	    'kernel_address=0x8000' \
	    '# The PL011 on header pins 8 (TXD, GPIO 14) and 10 (RXD, GPIO 15) at' \
	    '# 115200 8N1 from a 48 MHz UART clock (the kernel sets the same).' \
	    'enable_uart=1' \
	    'init_uart_clock=48000000' \
	    'init_uart_baud=115200' \
	    '# No ATAGs at 0x100: the kernel does not read them.' \
	    'disable_commandline_tags=1' \
	    > $(SDCARD_DIR)/config.txt
	$(Q)printf '%s\n' \
	    'Boot files for $(SYSTEM) on $(BOARD) (docs/boards.md).' \
	    'Copy this folder to the FAT boot partition of an SD card and add,' \
	    'from the boot partition of any 32-bit Raspberry Pi OS image' \
	    '(/boot or /boot/firmware) or the firmware repository' \
	    'https://github.com/raspberrypi/firmware (folder boot/):' \
	    '  bootcode.bin  start.elf  fixup.dat' \
	    'Serial console: header pins 8 (TX), 10 (RX), 6 (GND), 115200 8N1.' \
	    > $(SDCARD_DIR)/README.txt
	@echo "make sdcard: $(SDCARD_DIR)/ (add bootcode.bin, start.elf, fixup.dat)"
else
sdcard:
	@echo "make sdcard: board $(BOARD) does not boot from a Raspberry Pi SD card"; exit 2
endif
