/* Tick core configuration of trace-native: defaults (1 kHz tick). */
