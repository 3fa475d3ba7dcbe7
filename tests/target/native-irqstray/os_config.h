/* Tick core configuration of this test: the defaults (1 kHz tick). */
