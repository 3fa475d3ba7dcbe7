/* pinger: the tick core's defaults suit it (tick rate: system.toml). */
