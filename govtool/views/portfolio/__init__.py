"""Many registers at once: a consultant's clients, a provider's locations.

:mod:`.find` finds the registers under some folders; :mod:`.summary` sums one register up
(its own momentum figures, its lint errors, its last change), keeping the result in the
register's Git directory keyed by :mod:`.signature`, so a run where nothing changed reads
one small file per register; :mod:`.view` sorts the rows by need and adds them up.
"""
