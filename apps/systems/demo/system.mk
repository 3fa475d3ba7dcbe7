# demo: the default system; see system.toml.
SYSTEM_KIND := partitioned
# The hog prints one line per 2 s of the global clock (its jobs since the
# previous line), not one per job: the console stays readable. The player
# decodes in a second task that is not real-time (apps/media/player.c), so
# its warp covers only the presentation (docs/vit.md).
PK_APP_DEFINES := -DHOG_REPORT_MS=2000 -DPLAYER_DECODE_TASK
