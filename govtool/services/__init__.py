"""The write side: every change to a register goes through one of these services."""
