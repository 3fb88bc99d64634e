"""``govtool import``: an action plan kept in a spreadsheet becomes register records.

The work is done in steps, one module each: :mod:`.sheet` reads the file into rows of cell
values (xlsx or csv), :mod:`.columns` finds the heading row and what each column holds,
:mod:`.values` reads dates, statuses and regulations as people type them, :mod:`.owners`
matches owners to the people directory, :mod:`.plan` decides what each row becomes, and
:mod:`.run` carries that out through the same services as the CLI's own commands, first in a
scratch copy of the register (so a dry run can show exactly what would happen, and the lint
problems of the result) and then, with ``--apply``, in the register itself.
"""
