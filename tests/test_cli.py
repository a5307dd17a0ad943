"""The command line: the window's options parse without the sub-commands; the rest as before."""

import pytest

from kiosk import cli


@pytest.mark.parametrize(
    ("argv", "window"),
    [
        ([], True),
        (["--kiosk"], True),
        (["--db", "/tmp/k.db", "--lang", "ar", "--kiosk"], True),
        (["--db=/tmp/k.db", "--lang=uk"], True),
        (["--db"], False),  # the full parser then says what is missing
        (["pack", "validate", "x"], False),
        (["--help"], False),
        (["bonjour"], False),
    ],
)
def test_only_the_window_options_skip_the_sub_commands(argv, window):
    assert cli.starts_the_window(argv) is window


def test_the_window_options_mean_the_same_with_either_parser():
    argv = ["--db", "/tmp/k.db", "--lang", "es", "--kiosk"]
    small = cli.build_parser(commands=False).parse_args(argv)
    full = cli.build_parser().parse_args(argv)
    assert (small.db, small.lang, small.kiosk) == (full.db, full.lang, full.kiosk)


def test_a_wrong_language_or_command_gets_a_sentence(capsys):
    for argv in (["--lang", "xx"], ["bonjour"]):
        with pytest.raises(SystemExit) as stopped:
            cli.main(argv)
        assert stopped.value.code == 2
        assert "cette commande n'est pas comprise" in capsys.readouterr().err


def test_help_still_lists_the_sub_commands(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "pack" in out and "content" in out
