# rtgk.mk - included by a red-team system.mk: the partition named
# "attacker" gets the red-team guest kernel (apps/rtgk/gk/rtgk_entry.S and
# apps/rtgk/gk/$(RTGK_ATTACK).c) instead of the para-virtual port and the
# tick core, and apps/rtgk/user.c as its whole user range. Deferred (=)
# because OUT is defined after system.mk is read.
override attacker_GK_OBJS = $(OUT)/part/attacker/obj/apps/rtgk/gk/rtgk_entry.o \
	$(OUT)/part/attacker/obj/apps/rtgk/gk/$(RTGK_ATTACK).o
override attacker_USER_OBJS = $(OUT)/part/attacker/obj/apps/rtgk/user.o

# rtgk_role(partition,source,defines): the partition gets the red-team
# guest kernel built from apps/rtgk/gk/<source>.c with its own defines (a
# system whose partitions play several roles of one file:
#   $(eval $(call rtgk_role,sender,cpustate,-DCPUSTATE_ROLE=1))).
define rtgk_role
override $(1)_GK_OBJS = $$(OUT)/part/$(1)/obj/apps/rtgk/gk/rtgk_entry.o \
	$$(OUT)/part/$(1)/obj/apps/rtgk/gk/$(2).o
override $(1)_USER_OBJS = $$(OUT)/part/$(1)/obj/apps/rtgk/user.o
override $(1)_APP_DEFINES = $(3)
endef
