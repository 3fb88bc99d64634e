"""Words a command does not take (text that lost its quotes, a second ID) are named in one line,
with how to type them when they look like text, instead of click's several-line usage."""

from __future__ import annotations

from typing import Any

import click
import pytest

from govtool.cli import main
from tests.cli.test_cli_errors import snapshot


def _leaf_commands() -> list[tuple[str, ...]]:
    """The path of every command (``new action``, ``report momentum``, ``lint``...)."""
    found: list[tuple[str, ...]] = []

    def walk(group: click.Group, path: tuple[str, ...]) -> None:
        with click.Context(group) as ctx:
            for name in group.list_commands(ctx):
                command = group.get_command(ctx, name)
                if isinstance(command, click.Group):
                    walk(command, (*path, name))
                elif command is not None:
                    found.append((*path, name))

    walk(main, ())
    return found


def _words_it_takes(path: tuple[str, ...]) -> list[str] | None:
    """A value for each of the command's arguments and required options (None: it takes any
    number of words)."""
    command: click.Command = main
    with click.Context(main) as ctx:
        for name in path:
            assert isinstance(command, click.Group)
            found = command.get_command(ctx, name)
            assert found is not None
            command = found
    words = []
    for param in command.params:
        if isinstance(param, click.Argument):
            if param.nargs == -1:
                return None
            words.append(param.type.choices[0] if isinstance(param.type, click.Choice) else "X")
        elif isinstance(param, click.Option) and param.required:  # report all -o DIR
            words[:0] = [param.opts[0], "out"]
    return words


@pytest.mark.parametrize("path", _leaf_commands(), ids=" ".join)
def test_every_command_names_unexpected_words_in_one_line(plan: Any, path: tuple[str, ...]) -> None:
    words = _words_it_takes(path)
    if words is None:
        pytest.skip("takes any number of words (files or folders)")
    before = snapshot(plan.root)
    result = plan.run(*path, *words, "stray", "words")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("govtool: error: unexpected words (stray words): "), lines[0]
    assert snapshot(plan.root) == before


def test_text_given_without_its_option_is_told_where_it_goes_and_to_quote_it(plan: Any) -> None:
    """'govtool complete ACT-... done well': the words meant for --change, unquoted."""
    before = snapshot(plan.root)
    result = plan.cli.subprocess("complete", plan.action, "done", "well", cwd=plan.root)
    assert result.returncode == 2
    assert result.stderr == (
        "govtool: error: unexpected words (done well): text goes after its option, in double quotes when it has "
        "spaces (e.g. --change \"done well\"; 'govtool complete --help' lists the options)\n")
    assert snapshot(plan.root) == before


@pytest.mark.parametrize(("args", "said"), [
    (("update", "{action}", "--note=Supplier", "delayed", "the", "doors"),
     "unexpected words (delayed the doors): text with spaces needs quotes: --note \"Supplier delayed the doors\""),
    (("redate", "{action}", "--to", "3", "March", "2031", "--reason", "Supplier delay"),
     "unexpected words (March 2031): a date with spaces needs quotes: --to \"3 March 2031\" (or write it 03/03/2031)"),
    (("show", "{action}", "ACT-OTHER"), "unexpected word (ACT-OTHER): 'govtool show --help' shows what it takes"),
    (("redate", "{action}", "2031-03-01"), "unexpected word (2031-03-01): 'govtool redate --help' shows what it takes"),
    (("new", "action", "Weekly", "audit"),
     "unexpected words (Weekly audit): text goes after its option, in double quotes when it has spaces "
     "(e.g. --title \"Weekly audit\"; 'govtool new action --help' lists the options)"),
    # An option left without its value takes the next option's name: the option is named (a trial).
    (("redate", "{action}", "--to", "--reason", "Staff sickness"),
     "--to has no value: it took '--reason', the next option, as its value ('govtool redate --help' shows "
     "what it takes)"),
    (("redate", "{action}", "--to", "--commit"),  # no words left over: the date was refused before
     "--to has no value: it took '--commit', the next option, as its value ('govtool redate --help' shows "
     "what it takes)"),
    (("update", "{action}", "--note", "--no-commit"),  # the note recorded was '--no-commit' before
     "--note has no value: it took '--no-commit', the next option, as its value ('govtool update --help' "
     "shows what it takes)"),
    (("redate", "{action}", "--no-commit", "--reason", "Staff", "sickness"),  # a flag takes no value
     "unexpected word (sickness): text with spaces needs quotes: --reason \"Staff sickness\""),
])
def test_the_line_says_what_fits_the_words(plan: Any, args: tuple[str, ...], said: str) -> None:
    result = plan.run(*(arg.format(action=plan.action) for arg in args))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"govtool: error: {said}\n")


def test_lint_names_a_word_that_is_no_file_of_the_register(plan: Any) -> None:
    result = plan.cli.subprocess("lint", ".", "extra", cwd=plan.root)
    assert result.returncode == 2
    assert result.stderr == f"govtool: error: no such file or folder: {plan.root.resolve() / 'extra'}\n"
