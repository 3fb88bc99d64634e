"""Small leaf utilities every layer may use: errors, terminal text, files written and read safely, Git.

Nothing here imports any other part of govtool."""
