"""The shared kit every app uses: one way to do each small thing (see docs/decisions/0007)."""
