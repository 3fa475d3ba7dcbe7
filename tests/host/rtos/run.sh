#!/bin/sh
# Build and run the tick core's host tests on their own, with the flags the
# root Makefile uses (see tests.mk). Usage: tests/host/rtos/run.sh [test ...]
# from the repository root. SAN= overrides the sanitizer flags.
set -e
cd "$(dirname "$0")/../../.."
SAN=${SAN--fsanitize=address,undefined}
OUT=build/host-rtos
mkdir -p "$OUT"
TESTS=${*:-$(make -s -f tests/host/rtos/list.mk list)}
fail=0
for t in $TESTS; do
    srcs=$(make -s -f tests/host/rtos/list.mk srcs T="$t")
    cflags=$(make -s -f tests/host/rtos/list.mk cflags T="$t")
    gcc -std=c11 -Wall -Wextra -Werror -g -O1 $SAN $cflags $srcs -o "$OUT/$t" -lcmocka
    timeout 60 "$OUT/$t" || fail=1
done
exit $fail
