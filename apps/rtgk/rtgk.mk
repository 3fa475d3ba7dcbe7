# rtgk.mk - included by a red-team system.mk: the partition named
# "attacker" gets the red-team guest kernel (apps/rtgk/gk/rtgk_entry.S and
# apps/rtgk/gk/$(RTGK_ATTACK).c) instead of the para-virtual port and the
# tick core, and apps/rtgk/user.c as its whole user range. Deferred (=)
# because OUT is defined after system.mk is read.
override attacker_GK_OBJS = $(OUT)/part/attacker/obj/apps/rtgk/gk/rtgk_entry.o \
	$(OUT)/part/attacker/obj/apps/rtgk/gk/$(RTGK_ATTACK).o
override attacker_USER_OBJS = $(OUT)/part/attacker/obj/apps/rtgk/user.o
