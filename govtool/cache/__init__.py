"""What govtool keeps between runs to be fast, and why none of it can change an answer.

Every cache is a file (or a folder of files) under ``<git-dir>/govtool/``, never in the
working tree: nothing to commit or ignore, and a register outside Git is simply read afresh
each time. Every file is written through :mod:`.store` ("checked JSON"): one header line with
a format name, a version and a SHA-256 of the body, then the JSON body. A file that is
truncated, corrupted, of another format or version, oversized, a link or a pipe, or whose
checksum does not match is ignored and rebuilt; nothing is ever unpickled; writes are atomic
and best-effort (a cache that cannot be written only makes the next run slower).

======================  ==========================  =====================================================
cache (module)          where                       keyed on
======================  ==========================  =====================================================
parses                  ``parse-cache-<register>-   each record file's path and the BLAKE2b digest of its
(register/parsecache)   <version>/NN.json``         bytes (every file is still read on every run); version =
                        (32 shards)                 govtool's version + the schemas + the parser's source
verdicts                ``verdicts-<register>-      a digest of the judge's name and its exact input text;
(cache/verdicts)        <version>.json``            version = govtool's version + the judges' source
history                 ``history-cache-v3-<paths>  the commit listing up to the tip it was made for (a new
(history/cache)         .json``                     tip lists only what the old one lacked), snapshots by
                                                    blob name (content-addressed)
history lint digest     ``history-lint-v3-<paths>   the changes a history rule could object to at one tip;
(history/cache)         .json``                     used only for that tip or a descendant of it
portfolio rows          ``portfolio-<register>-     a signature of the register's files (stat), Git's HEAD,
(views/portfolio)       <version>.json``            ref and index, the as-of date and govtool's own code
lint memo               ``lint-memo-<register>-     each record file's path and content digest, under a key of
(lint/incremental)      <version>/head.json`` and   govtool.yaml's bytes, the day, the frameworks folder and
                        ``NN.json`` (32 shards,     the list of files with their IDs; version = govtool's source.
                        :mod:`.sharded`)            An entry also holds the file's stat (size, mtime and ctime
                                                    in ns, inode) and Git blob name: a file whose stat (or, for
                                                    --staged, whose index entry) matches is not read; a file
                                                    touched within 2 s of the run's start is not stat-trusted
                                                    (Git's "racily clean"). Shards count only as the generation
                                                    the head names (a half-written memo relints everything)
history records         ``lint-history-records-     the parses of the records the history rules asked for in
(lint/incremental)      <register>-<version>/``     the last incremental lint, by path and content digest (the
                        (1 shard)                   parse cache's format and version)
timelines               ``timeline-index-<register> one tip: each record's committed timeline, used only at
(history/timeline_      -<version>/NN.json``        that tip and when no staged or unstaged edit touches it
index)                  (64 shards, head)
backlinks               ``backlinks-<register>-     by record folder: its file names, their stat signatures (size,
(register/backlinks)    <version>.json``            mtime and ctime in ns, inode) and one line per file holding
                                                    its record's ID and the source, risk and parent it names, its
                                                    owner and status; a file whose stat differs, that is not a
                                                    regular file or was touched within 2 s of the run's start is
                                                    read again; the folder listing is taken every run. version =
                                                    the parser's + the module's source. Used by ``review``,
                                                    ``show`` and ``person leave`` to find the records naming one
======================  ==========================  =====================================================

Why a cache can never change an answer: each entry is found only by a digest of everything
the answer depends on (the content, and a version that digests the code and schemas that
compute it), so a stale entry is never looked up, only
left unused; an entry that cannot be read or fails its check is treated as absent; and an
entry is stored only when it decodes back to exactly what was computed (the parse cache's
round trip). tests/register/test_parsecache.py, tests/register/test_backlinks.py, tests/cache/test_verdicts.py,
tests/lint/test_incremental.py, tests/history/test_timeline_index.py and the history tests
compare cached runs with uncached ones.

How they are cleaned: the version is part of the parse, verdict, portfolio and lint memo names,
so two govtool versions on one repository keep one cache each; :func:`.store.drop_stale_versions`
deletes another version's parse, verdict, portfolio, backlinks or lint memo cache that no run has written for two weeks
(a version tag does not say which version is the older, and an older govtool may still be in
use, a pinned pre-commit hook's, say), and at once the parse and verdict caches as govtools
before version tags named them (``parse-cache-<register>``, ``parse-cache-<register>.json``,
``verdicts-<register>.json``); the parse cache drops the shards and entries of files that are
gone. The history files are rewritten in place (one per set of register paths), and writing
one deletes every ``history-cache-vN-…`` and ``history-lint-vN-…`` file of an older version N
(:func:`govtool.history.cache.drop_older_versions`). Only names a cache gives its own files
are deleted, only in ``<git-dir>/govtool/``, and a link is removed, never what it points to.
Deleting ``<git-dir>/govtool/`` is always safe.

Where the code lives: :mod:`.store`, :mod:`.sharded` (shards trusted as one generation),
:mod:`.filestat` (a file known unchanged by its stat, as Git's index knows it: the lint memo
and the backlinks index both trust files this way) and :mod:`.verdicts` here; the parse cache and the backlinks index
stay in govtool/register/ (parsecache.py, backlinks.py) and the history cache in govtool/history/cache.py because each
encodes its owner's own types (records and load problems; snapshots, commits and the memory of
detours) and is used by its owner's loader: moved here, they would make cache and register,
or cache and history, import each other.
"""
