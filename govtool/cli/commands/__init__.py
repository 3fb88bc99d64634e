"""One module per command (or small family); each lists its click commands in COMMANDS."""
