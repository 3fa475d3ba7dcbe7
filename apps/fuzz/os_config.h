/* fuzz: the idle task runs the guest-kernel half of the call stream
 * (os_hook_idle in fuzz.c) and needs more than the minimal stack. */
#define OS_CONFIG_IDLE_STACK_WORDS 1024u
