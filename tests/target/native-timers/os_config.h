/* Tick core configuration of this test: defaults (1 kHz tick). */
