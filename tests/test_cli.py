"""The command line: a window start is read without argparse; everything else goes through it."""

from pathlib import Path

import pytest

from kiosk import cli


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--kiosk"],
        ["--db", "/tmp/k.db", "--lang", "ar", "--kiosk"],
        ["--db=/tmp/k.db", "--lang=uk"],
    ],
)
def test_a_window_start_means_what_argparse_says(argv):
    direct = cli.window_options(argv)
    parsed = cli.build_parser().parse_args(argv)
    assert direct is not None
    assert (direct.db, direct.lang, direct.kiosk, direct.command) == (
        parsed.db,
        parsed.lang,
        parsed.kiosk,
        parsed.command,
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["--db"],
        ["--db", "--kiosk"],
        ["--lang", "xx"],
        ["--lang="],
        ["pack", "validate", "x"],
        ["--help"],
        ["bonjour"],
    ],
)
def test_anything_else_is_left_to_argparse(argv):
    assert cli.window_options(argv) is None


def test_the_database_path_is_a_path():
    assert cli.window_options(["--db", "kiosk.db"]).db == Path("kiosk.db")


def test_a_wrong_language_or_command_gets_a_sentence(capsys):
    for argv in (["--lang", "xx"], ["bonjour"], ["--db"]):
        with pytest.raises(SystemExit) as stopped:
            cli.main(argv)
        assert stopped.value.code == 2
        assert "cette commande n'est pas comprise" in capsys.readouterr().err


def test_help_still_lists_the_sub_commands(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "pack" in out and "content" in out
