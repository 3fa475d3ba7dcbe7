/*
 * rtvictim_nrt - the red-team victim (apps/rtvictim) without VIT: its
 * partition is woken by its BLOCK deadline (the next virtual tick) alone.
 */
#define RTVICTIM_NO_VIT 1
#include "../rtvictim/rtvictim.c"
