"""Git history of a register: the only package (with govtool/support/gitrepo.py) that talks to Git.

:mod:`.engine` reads the register's whole history in one cached pass (:mod:`.cache`) and
describes each change to a record (:mod:`.model`); :mod:`.record_timeline` tells one record's story
commit by commit. The history rules judge it through :mod:`govtool.lint.history_rules`, which
builds the object they see as ``ctx.history``: lint reads history, history never imports lint.
"""
