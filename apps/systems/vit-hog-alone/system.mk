# vit-hog-alone: apps/hog by itself, the reference job time of the VIT
# benchmark's non-real-time partition (docs/vit.md).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
