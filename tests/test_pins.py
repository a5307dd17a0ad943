"""PINs: scrypt hashes in a real SQLite file, weak PINs refused, a lock-out that doubles."""

from __future__ import annotations

import string
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.pins import (
    FAILURES_BEFORE_LOCK,
    LOCK_CAP_SECONDS,
    PinBook,
    PinRefusedError,
    hash_pin,
    lock_seconds,
    pin_problem,
)
from kiosk.store.audit_store import AuditStore
from kiosk.store.database import open_database
from kiosk.store.pin_store import PinStore
from tests.conftest import FakeClock

T0 = 1_800_000_000.0  # a fixed "now", seconds since the epoch
QUICK_N = 2**10  # for tests that try many PINs; the real cost is tested on its own


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def book(db, clock) -> PinBook:
    """The real cost of a hash (N=2**14)."""
    return PinBook(PinStore(db, clock), clock)


@pytest.fixture
def quick_book(db, clock) -> PinBook:
    return PinBook(PinStore(db, clock), clock, scrypt_n=QUICK_N)


def test_no_pin_keeps_the_modes_closed(book):
    assert not book.has_pin("mediator") and not book.has_pin("admin")
    result = book.check("mediator", "2468")
    assert result.no_pin and not result.ok
    assert book.status("admin").no_pin


def test_a_pin_is_stored_as_a_salted_scrypt_hash_never_in_clear(book, db, db_path):
    book.set_pin("mediator", "2468")
    book.set_pin("admin", "2468")
    assert book.has_pin("mediator") and book.check("mediator", "2468").ok
    rows = {row["role"]: row for row in db.query("SELECT * FROM pins")}
    assert rows["mediator"]["params"] == "scrypt:n=16384,r=8,p=1"
    assert rows["mediator"]["salt"] != rows["admin"]["salt"]  # same PIN, different hashes
    assert rows["mediator"]["hash"] != rows["admin"]["hash"]
    stored = hash_pin("2468", rows["mediator"]["salt"], rows["mediator"]["params"])
    assert rows["mediator"]["hash"] == stored
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"2468" not in db_path.read_bytes()


def test_every_pin_change_writes_an_audit_row(book, db, clock):
    book.set_pin("mediator", "2468")
    clock.now += 60
    book.set_pin("mediator", "135790", by="admin")
    rows = AuditStore(db).entries()
    assert [(r["role"], r["action"], r["detail"]) for r in rows] == [
        ("admin", "pin_changed", "mediator"),
        ("command_line", "pin_set", "mediator"),
    ]
    assert rows[0]["at"] == "2027-01-15T08:01:00+00:00"
    assert not book.check("mediator", "2468").ok and book.check("mediator", "135790").ok


def test_a_refused_pin_changes_nothing(book, db):
    book.set_pin("admin", "2468")
    with pytest.raises(PinRefusedError, match="se suivent"):
        book.set_pin("admin", "1234")
    assert book.check("admin", "2468").ok
    assert len(AuditStore(db).entries()) == 1


@pytest.mark.parametrize(
    ("pin", "words"),
    [
        ("", "vide"),
        ("123", "de 4 à 8 chiffres"),
        ("123456789", "de 4 à 8 chiffres"),
        ("12a4", "que des chiffres"),
        ("١٢٣٥", "que des chiffres"),  # Arabic-Indic digits: the pad sends 0–9 only
        ("0000", "les mêmes"),
        ("77777777", "les mêmes"),
        ("1234", "se suivent"),
        ("4321", "se suivent"),
        ("7890", "se suivent"),
        ("98765", "se suivent"),
    ],
)
def test_weak_or_malformed_pins_are_refused_with_a_french_sentence(pin, words):
    problem = pin_problem(pin)
    assert problem is not None and words in problem and problem.endswith(".")


@given(st.text(max_size=12))
def test_any_text_gets_a_sentence_or_is_a_usable_pin(text):
    problem = pin_problem(text)
    if problem is None:
        assert text.isascii() and text.isdigit() and 4 <= len(text) <= 8
        assert len(set(text)) > 1
    else:
        assert problem.endswith(".") and problem[0].isupper()


@given(st.text(alphabet=string.digits, min_size=4, max_size=8))
def test_digit_strings_are_refused_only_when_repeated_or_a_run(pin):
    runs = {
        "".join(str((start + way * i) % 10) for i in range(len(pin)))
        for start in range(10)
        for way in (0, 1, -1)  # one digit repeated, up by one, down by one (with 9→0)
    }
    weak = pin in runs
    assert (pin_problem(pin) is not None) == weak


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=string.digits, min_size=4, max_size=8).filter(lambda p: not pin_problem(p)))
def test_a_usable_pin_opens_and_its_neighbours_do_not(tmp_path, pin):
    db = open_database(tmp_path / f"pins-{pin}.db")
    try:
        book = PinBook(PinStore(db), FakeClock(), scrypt_n=QUICK_N)
        book.set_pin("mediator", pin)
        assert book.check("mediator", pin).ok
        neighbour = pin[:-1] + str((int(pin[-1]) + 1) % 10)
        assert not book.check("mediator", neighbour).ok
        assert not book.check("mediator", pin + "0").ok
        assert not book.check("admin", pin).ok  # a role's PIN opens that role only
    finally:
        db.close()


def test_five_wrong_pins_lock_for_30_s_then_60_s_then_120_s(quick_book, clock):
    book = quick_book
    book.set_pin("mediator", "2468")
    for left in (4, 3, 2, 1):
        result = book.check("mediator", "1357")
        assert not result.ok and result.tries_left == left and result.locked_until == 0
    fifth = book.check("mediator", "1357")
    assert fifth.locked_until == T0 + 30 and fifth.tries_left == 0
    assert fifth.wait_seconds(clock.now) == 30
    clock.now += 29.5
    locked = book.check("mediator", "2468")  # even the right PIN waits; the try does not count
    assert not locked.ok and locked.locked_until == T0 + 30 and locked.wait_seconds(clock.now) == 1
    clock.now = T0 + 30
    sixth = book.check("mediator", "1357")
    assert sixth.locked_until == clock.now + 60
    clock.now = sixth.locked_until
    assert book.check("mediator", "1357").locked_until == clock.now + 120
    assert book.status("mediator").locked_until == clock.now + 120


def test_the_lock_out_is_capped_and_a_right_pin_clears_it(quick_book, clock, db):
    book = quick_book
    assert [lock_seconds(n) for n in range(3, 9)] == [0, 0, 30, 60, 120, 240]
    assert lock_seconds(1000) == LOCK_CAP_SECONDS == 900
    book.set_pin("admin", "2468")
    for _ in range(12):
        clock.now = max(clock.now, book.status("admin").locked_until)
        result = book.check("admin", "0000")
    assert result.locked_until - clock.now == LOCK_CAP_SECONDS
    clock.now = result.locked_until
    assert book.check("admin", "2468").ok
    assert db.execute("SELECT failures, locked_until FROM pins").fetchone() == (0, 0)
    assert book.check("admin", "1111").tries_left == FAILURES_BEFORE_LOCK - 1


def test_the_lock_out_survives_a_restart(db_path, clock):
    db = open_database(db_path)
    book = PinBook(PinStore(db), clock, scrypt_n=QUICK_N)
    book.set_pin("mediator", "2468")
    for _ in range(FAILURES_BEFORE_LOCK):
        book.check("mediator", "1357")
    db.close()
    db = open_database(db_path)
    try:
        again = PinBook(PinStore(db), clock, scrypt_n=QUICK_N).check("mediator", "2468")
        assert not again.ok and again.locked_until == T0 + 30
    finally:
        db.close()


def test_setting_a_pin_again_unlocks_the_role(quick_book, clock):
    book = quick_book
    book.set_pin("mediator", "2468")
    for _ in range(FAILURES_BEFORE_LOCK):
        book.check("mediator", "1357")
    book.set_pin("mediator", "8642")
    assert book.check("mediator", "8642").ok


def test_checks_from_other_threads_count_every_failure(quick_book):
    book = quick_book
    """The UI runs a check off its thread: the store opens its own connection there."""
    book.set_pin("mediator", "2468")
    threads = [threading.Thread(target=book.check, args=("mediator", "1357")) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert book.check("mediator", "1357").tries_left == 1


def test_an_unknown_role_is_a_programming_error(book):
    with pytest.raises(ValueError, match="unknown role"):
        book.check("citizen", "2468")


def test_a_hash_of_another_cost_still_opens_and_is_made_again_at_the_real_cost(db, clock):
    PinBook(PinStore(db), clock, scrypt_n=QUICK_N).set_pin("mediator", "2468")
    assert db.execute("SELECT params FROM pins").fetchone() == ("scrypt:n=1024,r=8,p=1",)
    assert PinBook(PinStore(db), clock).check("mediator", "2468").ok
    assert db.execute("SELECT params FROM pins").fetchone() == ("scrypt:n=16384,r=8,p=1",)
    assert PinBook(PinStore(db), clock).check("mediator", "2468").ok


def test_a_clock_that_went_back_never_locks_for_more_than_the_cap(quick_book, clock):
    book = quick_book
    book.set_pin("mediator", "2468")
    for _ in range(FAILURES_BEFORE_LOCK):
        book.check("mediator", "1357")
    clock.now -= 3 * 365 * 86400  # the kiosk restarts with its clock three years behind
    assert book.status("mediator").locked_until == clock.now + LOCK_CAP_SECONDS
    clock.now += LOCK_CAP_SECONDS
    assert book.check("mediator", "2468").ok
