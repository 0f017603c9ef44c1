"""The agreements' screens, one module per screen family."""
