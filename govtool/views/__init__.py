"""The read side that is neither a printed report nor a lint: what commands show, list and export."""
