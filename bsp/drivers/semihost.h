/*
 * semihost.h - ARM semihosting calls used by the system (QEMU run with
 * -semihosting-config enable=on,target=native). Privileged modes only.
 */
#ifndef SEMIHOST_H
#define SEMIHOST_H

#define SEMIHOST_SYS_EXIT_EXTENDED 0x20u
#define SEMIHOST_ADP_STOPPED_APPLICATION_EXIT 0x20026u

/* Ends the emulation with the exit status (QEMU takes it mod 256). */
void semihost_exit(int status) __attribute__((noreturn));

#endif /* SEMIHOST_H */
