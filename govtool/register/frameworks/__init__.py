"""Assessment frameworks as data: the key questions and the statements or lines of enquiry a
finding's ``framework_ref`` names by code, shipped in ``data/`` or kept in a register's
``frameworks/`` folder; and mappings that move a plan's references from one framework to
another. The file formats are in govtool/schemas/ and docs/frameworks.md."""
