"""The parse cache: a run that takes parses from ``.git`` sees exactly what a fresh parse sees."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from govtool.cache.store import read_checked, write_checked
from govtool.register.load import load_register
from govtool.register.model import Register
from govtool.register.parsecache import FORMAT, parser_version

from ..conftest import EXAMPLE_REGISTER, GitRepo

BROKEN_FILES = {
    "actions/ACT-1.yaml": "id: ACT-1\ntitle: [unclosed\n",
    "actions/ACT-2.yaml": "id: ACT-2\ntitle: One\ntitle: Two\nowner: jane.smith\n",
    "actions/ACT-3.yaml": "id: ACT-3\ntitle: Fix it\nstatus: nearly-done\nunknown_field: 1\n",
    "actions/ACT-4.yaml": "id: ACT-99\ntitle: Wrong file name\n",
    "actions/ACT-5.yaml": "id: ACT-5\n1: a key that is a number\ntrue: a key that is a boolean\n",
    "actions/ACT-6.yaml": "id: ACT-6\nbase: &b {target: 90%}\nmeasure: *b\nratio: .nan\n",
    "actions/ACT-7.yaml": "- a list, not a record\n",
    "actions/ACT-8.yaml": "",
    "actions/ACT-9.yaml": "id: ACT-9\n<<<<<<< HEAD\ntitle: ours\n=======\ntitle: theirs\n>>>>>>> other\n",
    "actions/ACT-10.yaml": "id: ACT-10\ntitle: !!python/object:os.system x\n",
    "sources/SRC-1.yaml": "id: SRC-1\ntype: audit\ntitle: Audit\ndate: 2026-02-30\nfindings:\n  - id: F1\n    text: x\n",
}


def snapshot(register: Register) -> tuple[object, ...]:
    """Everything a command reads from a load, in comparable form."""
    records = [
        (type(r).__name__, r.id, r.path, r.doc.data, r.doc.lines, r.doc.duplicates)
        for group in (register.actions, register.sources, register.risks)
        for r in group.values()
    ]
    return (sorted(records, key=repr), register.problems)


def cache_files(repo: GitRepo) -> list[Path]:
    """The cache's shard files."""
    return sorted((repo.path / ".git" / "govtool").glob("parse-cache-*/*.json"))


def cached_entries(repo: GitRepo) -> dict[str, object]:
    """Every entry of every shard that passes the check, by record path."""
    entries: dict[str, object] = {}
    for shard in cache_files(repo):
        value, reason = read_checked(shard, FORMAT, parser_version())
        assert reason == "used", (shard, reason)
        entries.update(value["files"])
    return entries


def copy_example(repo: GitRepo) -> Path:
    shutil.copytree(EXAMPLE_REGISTER, repo.path, dirs_exist_ok=True)
    repo.commit("Example register", date="2026-03-01")
    return repo.path


def test_example_register_from_the_cache_is_the_fresh_parse(git_repo: GitRepo) -> None:
    root = copy_example(git_repo)
    fresh = snapshot(load_register(root, use_cache=False))
    assert cache_files(git_repo) == []  # use_cache=False leaves the cache alone

    building = snapshot(load_register(root))
    written = {shard: shard.stat().st_ino for shard in cache_files(git_repo)}
    served = snapshot(load_register(root))

    assert building == fresh
    assert served == fresh
    assert {shard: shard.stat().st_ino for shard in cache_files(git_repo)} == written  # nothing rewritten (a rewrite is a new file)
    assert len(written) > 1  # the example's 37 records spread over several shards
    assert sorted(cached_entries(git_repo)) == sorted(p.relative_to(root).as_posix() for p in root.glob("*/*.yaml"))


def test_a_one_file_change_rewrites_only_its_shard(git_repo: GitRepo) -> None:
    root = copy_example(git_repo)
    load_register(root)
    written = {shard: shard.stat().st_ino for shard in cache_files(git_repo)}
    edited = root / "actions" / "ACT-2GNJEH.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    load_register(root)
    after = {shard: shard.stat().st_ino for shard in cache_files(git_repo)}
    assert [shard for shard in written if after[shard] != written[shard]] == [
        shard for shard in written if "actions/ACT-2GNJEH.yaml" in read_checked(shard, FORMAT, parser_version())[0]["files"]
    ]

    # Every file of a shard gone: the shard goes too.
    (shard,) = [s for s in written if after[s] != written[s]]
    names = list(read_checked(shard, FORMAT, parser_version())[0]["files"])
    for name in names:
        (root / name).unlink()
    load_register(root)
    assert not shard.exists()
    assert len(cached_entries(git_repo)) == len(list(root.glob("*/*.yaml")))


def test_broken_files_give_the_same_problems_from_the_cache(register: GitRepo) -> None:
    for relative, text in BROKEN_FILES.items():
        register.write(relative, text)
    fresh = snapshot(load_register(register.path, use_cache=False))
    assert {p.rule for p in fresh[1]} >= {"invalid-yaml", "duplicate-key", "schema", "id-mismatch",
                                          "merge-conflict", "unsafe-tag"}

    assert snapshot(load_register(register.path)) == fresh
    assert snapshot(load_register(register.path)) == fresh


def test_values_json_cannot_carry_are_parsed_every_time(register: GitRepo) -> None:
    register.write("actions/ACT-6.yaml", BROKEN_FILES["actions/ACT-6.yaml"])
    register.write("actions/ACT-7.yaml", "id: ACT-7\ntitle: Plain\n")
    load_register(register.path)
    # NaN is not equal to itself, so the round trip cannot prove the entry: it is not kept.
    assert list(cached_entries(register)) == ["actions/ACT-7.yaml"]
    ratio = load_register(register.path).actions["ACT-6"].doc.data["ratio"]
    assert ratio != ratio


def test_an_edited_file_is_parsed_again(register: GitRepo) -> None:
    path = register.write("actions/ACT-1.yaml", "id: ACT-1\ntitle: First wording\n")
    load_register(register.path)
    assert load_register(register.path).actions["ACT-1"].doc.data["title"] == "First wording"

    path.write_text("id: ACT-1\ntitle: Second wording\ntitle: again\n", encoding="utf-8")
    reloaded = load_register(register.path)
    assert reloaded.actions["ACT-1"].doc.data["title"] == "Second wording"
    assert [(p.rule, p.line) for p in reloaded.problems if p.rule == "duplicate-key"] == [("duplicate-key", 3)]

    path.write_text("id: ACT-1\ntitle: [broken\n", encoding="utf-8")
    assert "ACT-1" not in load_register(register.path).actions


def test_a_deleted_file_leaves_the_cache(register: GitRepo) -> None:
    register.write("actions/ACT-1.yaml", "id: ACT-1\ntitle: One\n")
    gone = register.write("actions/ACT-2.yaml", "id: ACT-2\ntitle: Two\n")
    load_register(register.path)
    gone.unlink()
    load_register(register.path)
    assert list(cached_entries(register)) == ["actions/ACT-1.yaml"]


def test_a_corrupt_cache_is_ignored_and_rebuilt(register: GitRepo) -> None:
    register.write("actions/ACT-1.yaml", "id: ACT-1\ntitle: The real title\n")
    fresh = snapshot(load_register(register.path, use_cache=False))
    load_register(register.path)
    (cache,) = cache_files(register)
    good = cache.read_bytes()

    tampered = good.replace(b"The real title", b"A forged title")
    for damage in (good[: len(good) // 2], tampered, b"", b"\x00" * 64, b'{"format": 1}\n[]'):
        cache.write_bytes(damage)
        assert snapshot(load_register(register.path)) == fresh
        assert read_checked(cache, FORMAT, parser_version())[1] == "used"  # rebuilt

    # A well-formed cache whose entry was written for other bytes is not used for these.
    header, _, body = good.partition(b"\n")
    value = json.loads(body)
    value["files"]["actions/ACT-1.yaml"][1]["record"][1]["title"] = "Stale"

    write_checked(cache, FORMAT, parser_version(), value)
    assert load_register(register.path).actions["ACT-1"].doc.data["title"] == "Stale"  # same digest: trusted
    register.write("actions/ACT-1.yaml", "id: ACT-1\ntitle: Edited\n")
    assert load_register(register.path).actions["ACT-1"].doc.data["title"] == "Edited"


def test_a_cache_for_another_parser_version_is_not_used(register: GitRepo) -> None:
    register.write("actions/ACT-1.yaml", "id: ACT-1\ntitle: One\n")
    load_register(register.path)
    (cache,) = cache_files(register)
    header, _, body = cache.read_bytes().partition(b"\n")
    cache.write_bytes(header.replace(parser_version().encode(), b"1:older") + b"\n" + body)
    assert read_checked(cache, FORMAT, parser_version())[1] == "other format or version"
    load_register(register.path)
    assert read_checked(cache, FORMAT, parser_version())[1] == "used"


def test_the_cache_is_written_only_inside_git(register: GitRepo, tmp_path: Path) -> None:
    register.write("actions/ACT-1.yaml", "id: ACT-1\ntitle: One\n")
    register.commit("One action")
    before = sorted(p for p in register.path.rglob("*") if ".git" not in p.parts)
    load_register(register.path)
    load_register(register.path)
    assert sorted(p for p in register.path.rglob("*") if ".git" not in p.parts) == before
    assert register.git("status", "--porcelain", "--ignored") == ""
    assert cache_files(register)

    outside = tmp_path / "no-git"
    shutil.copytree(register.path, outside, ignore=shutil.ignore_patterns(".git"))
    listing = sorted(outside.rglob("*"))
    load_register(outside)
    assert sorted(outside.rglob("*")) == listing


def test_a_cache_that_cannot_be_written_does_not_fail_the_load(register: GitRepo, cli) -> None:
    register.write("actions/ACT-1.yaml", "id: ACT-1\ntitle: One\n")
    (register.path / ".git" / "govtool").write_text("a file where the cache folder would be\n")
    assert "ACT-1" in load_register(register.path).actions
    result = cli("lint", "--format", "json", cwd=register.path)
    assert "internal error" not in result.output


def test_lint_output_is_the_same_from_the_cache(git_repo: GitRepo, cli) -> None:
    root = copy_example(git_repo)
    for relative, text in BROKEN_FILES.items():
        (root / relative).write_text(text, encoding="utf-8")
    (root / "actions" / "ACT-2.yaml").write_text(  # suppressions are still seen when parses are cached
        BROKEN_FILES["actions/ACT-2.yaml"] + "# govtool: ignore[duplicate-key] kept on purpose for the test\n"
    )
    first = cli("lint", "--format", "json", cwd=root)
    assert cache_files(git_repo)
    second = cli("lint", "--format", "json", cwd=root)
    assert json.loads(second.output) == json.loads(first.output)
    assert second.exit_code == first.exit_code
    shutil.rmtree(git_repo.path / ".git" / "govtool")
    third = cli("lint", "--format", "json", cwd=root)
    assert json.loads(third.output) == json.loads(first.output)


def test_a_forged_cache_nested_too_deep_is_ignored(register: GitRepo) -> None:
    import hashlib

    register.write("actions/ACT-1.yaml", "id: ACT-1\ntitle: One\n")
    load_register(register.path)
    (cache,) = cache_files(register)
    body = b"[" * 200_000 + b"]" * 200_000
    header = json.dumps({"format": FORMAT, "version": parser_version(), "sha256": hashlib.sha256(body).hexdigest()})
    cache.write_bytes(header.encode() + b"\n" + body)
    assert load_register(register.path).actions["ACT-1"].doc.data["title"] == "One"
    assert read_checked(cache, FORMAT, parser_version())[1] == "used"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(), st.integers(min_value=0, max_value=10**6)), max_size=6))
def test_a_cached_line_key_gives_back_its_path(path: list[str | int]) -> None:
    from govtool.register.parsecache import _line_key, _path_of

    assert _path_of(_line_key(tuple(path))) == tuple(path)


def test_a_forged_line_map_gives_no_line_rather_than_a_crash(register: GitRepo, cli) -> None:
    register.write("actions/ACT-1.yaml", "id: ACT-1\ntitle: Improve medicines management\nstatus: open\n")
    load_register(register.path)
    (shard,) = cache_files(register)
    value, _ = read_checked(shard, FORMAT, parser_version())
    value["files"]["actions/ACT-1.yaml"][1]["record"][2] = json.dumps({"/title": "two", "": [1], "/id": None})
    write_checked(shard, FORMAT, parser_version(), value)
    record = load_register(register.path).actions["ACT-1"]
    assert record.line("title") is None and record.line("id") is None
    result = cli("lint", "--format", "json", cwd=register.path)
    assert "internal error" not in result.output
    assert any(p["rule"] == "vague-action" and p["line"] is None for p in json.loads(result.stdout))


def test_two_govtool_versions_keep_a_cache_each_and_a_stale_one_goes(register: GitRepo, monkeypatch) -> None:
    import os
    import time

    from govtool.register import parsecache

    register.write("actions/ACT-1.yaml", "id: ACT-1\ntitle: One\n")
    load_register(register.path)
    (ours,) = {shard.parent for shard in cache_files(register)}
    written = {shard: shard.stat().st_ino for shard in cache_files(register)}

    monkeypatch.setattr(parsecache, "parser_version", lambda: "1:another-govtool")
    load_register(register.path)  # another version builds its own, beside ours
    theirs = {shard.parent for shard in cache_files(register)} - {ours}
    assert len(theirs) == 1
    assert {shard: shard.stat().st_ino for shard in ours.iterdir()} == written  # ours untouched
    monkeypatch.undo()
    assert load_register(register.path).actions["ACT-1"].doc.data["title"] == "One"
    assert {shard: shard.stat().st_ino for shard in ours.iterdir()} == written  # and still used

    # Unused for a fortnight, theirs is deleted the next time ours is written.
    month_ago = time.time() - 30 * 86400
    os.utime(theirs.pop(), (month_ago, month_ago))
    register.write("actions/ACT-1.yaml", "id: ACT-1\ntitle: Two\n")
    load_register(register.path)
    assert {shard.parent for shard in cache_files(register)} == {ours}


def test_a_partial_load_uses_the_cache_and_leaves_it_whole(git_repo: GitRepo) -> None:
    """``show`` and ``review`` load only the records naming theirs: the cache still serves them,
    and keeps every other file's entry for the next full load."""
    root = copy_example(git_repo)
    full = load_register(root)
    written = {shard: shard.stat().st_ino for shard in cache_files(git_repo)}
    entries = cached_entries(git_repo)
    source = next(iter(full.sources.values()))
    partial = load_register(root, wanted=lambda raw: source.id.encode() in raw)
    assert {a.id for a in partial.actions.values()} == {a.id for a in source.actions}
    assert partial.actions and len(partial.actions) < len(full.actions)
    assert {shard: shard.stat().st_ino for shard in cache_files(git_repo)} == written
    assert cached_entries(git_repo) == entries


def test_the_caches_as_older_govtools_named_them_go_when_the_current_one_is_written(register: GitRepo, cli) -> None:
    """Before the version was part of a cache's name: parse-cache-<register> (a folder, and
    before that one file) and verdicts-<register>.json. Another register's stay."""
    from govtool.cache.store import register_cache_path

    folder = register.path / ".git" / "govtool"
    ours = register_cache_path(register.path.resolve(), "parse-cache", "any")
    assert ours is not None
    key = ours.name.split("-")[2]
    old_folder, old_file, old_verdicts = folder / f"parse-cache-{key}", folder / f"parse-cache-{key}.json", \
        folder / f"verdicts-{key}.json"
    theirs = folder / f"parse-cache-{'0' * 16}.json"
    old_folder.mkdir(parents=True)
    (old_folder / "00.json").write_text("{}")
    for path in (old_file, old_verdicts, theirs):
        path.write_text("{}")
    register.write("actions/ACT-1.yaml", "id: ACT-1\ntitle: Improve medicines management\nstatus: open\n")
    assert cli("lint", cwd=register.path).exit_code == 1  # vague-action: parses and a verdict written
    assert not old_folder.exists() and not old_file.exists() and not old_verdicts.exists()
    assert theirs.exists()
