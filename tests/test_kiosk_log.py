"""The admin's log: kiosk.log beside the database, what happened before it opened included,
turned over before it grows too big, and a folder that cannot be written costs only the file."""

from __future__ import annotations

import logging

import pytest

from kiosk.app.logs import BACKUP_COUNT, LOG_FILE, close_log_file, open_log_file, start_logging


@pytest.fixture
def clean_root_logger():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_what_happened_before_the_file_opened_is_written_first(tmp_path, clean_root_logger):
    early = start_logging()
    logging.getLogger("kiosk.app.start").error("The database is damaged; set aside.")
    logging.getLogger("kiosk.builtin_content").info("Paquet intégré installé.")
    logging.getLogger("kiosk.noise").debug("not for the admin")
    handler = open_log_file(tmp_path, early)
    logging.getLogger("kiosk.app.crash_handler").error("Unexpected fault, the visit ends.")
    close_log_file(handler)
    lines = (tmp_path / LOG_FILE).read_text(encoding="utf-8").splitlines()
    assert [line.split(" ", 2)[2] for line in lines] == [
        "ERROR kiosk.app.start: The database is damaged; set aside.",
        "INFO kiosk.builtin_content: Paquet intégré installé.",
        "ERROR kiosk.app.crash_handler: Unexpected fault, the visit ends.",
    ]
    assert early not in clean_root_logger.handlers


def test_the_file_turns_over_and_keeps_five_before_it(tmp_path, clean_root_logger):
    start_logging()
    handler = open_log_file(tmp_path, max_bytes=2_000)
    for number in range(400):
        logging.getLogger("kiosk.test").warning(
            "a line of about sixty characters, number %d", number
        )
    close_log_file(handler)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [LOG_FILE] + [f"{LOG_FILE}.{n}" for n in range(1, BACKUP_COUNT + 1)]
    assert all(p.stat().st_size <= 2_100 for p in tmp_path.iterdir())
    assert "number 399" in (tmp_path / LOG_FILE).read_text(encoding="utf-8")


def test_a_folder_that_cannot_be_written_costs_only_the_file(tmp_path, clean_root_logger, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    start_logging()
    with caplog.at_level(logging.WARNING):
        assert open_log_file(blocker) is None
    assert "stderr only" in caplog.text
