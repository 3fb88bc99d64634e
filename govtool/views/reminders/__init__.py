"""Reminders: what each owner has to do soon (the digest), as text, reports and emails.

:mod:`.digest` builds the view model from the register; the report environment renders it
(``digest.*.j2``); :mod:`.mail` turns one owner's part into an RFC 5322 message and
:mod:`.send` delivers messages over SMTP, remembering what it sent each day.
"""
