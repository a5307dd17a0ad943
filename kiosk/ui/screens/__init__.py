"""The citizen's screens, one per step of the journey."""
