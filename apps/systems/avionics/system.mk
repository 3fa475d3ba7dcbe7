# avionics: an APEX module with ports, a cyclic schedule and HM tables; see
# system.toml and docs/arinc653.md ("The avionics demo").
SYSTEM_KIND := partitioned
