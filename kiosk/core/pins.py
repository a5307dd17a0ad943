"""The mediator's and the admin's PINs: checked against scrypt hashes, with a growing lock-out.

A PIN is 4 to 8 digits (issue #12). It is never stored: only its scrypt hash, with a salt of
its own and the parameters used, so that stronger parameters later still check older hashes.

Why scrypt with N=2**14, r=8, p=1: ``hashlib.scrypt`` is in the standard library (OpenSSL),
memory-hard, and these are the parameters its author gives for interactive logins (C. Percival,
"Stronger key derivation via sequential memory-hard functions", 2009, §7; RFC 7914 §2 names the
same roles of N, r, p). One check costs 16 MiB and measured 91 to 148 ms on this project's
shared build machine (AMD EPYC, 2 busy cores); N=2**15 took 176 to 238 ms, over the 150 ms a
PIN pad may make a person wait. ``tests/test_pins.py`` measures it again.

What the hash does not do: 10**4 to 10**8 PINs are few, and a copy of the database could be
searched offline in hours. The lock-out is the real protection at the kiosk; the hash keeps the
PIN out of sight of whoever reads the file, and out of backups. The lock-out starts after
``FAILURES_BEFORE_LOCK`` wrong PINs and doubles with each further wrong PIN, up to
``LOCK_CAP_SECONDS``: at that pace a 4-digit PIN takes weeks to find on the kiosk itself.

Everything here is plain Python; the store is reached through the small ``PinStore`` Protocol.
``PinBook.check`` takes about 100 ms: call it off the UI thread. It is thread-safe.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections.abc import Callable
from typing import NamedTuple, Protocol

ROLES: tuple[str, ...] = ("mediator", "admin")
ROLE_NAMES = {"mediator": "médiateur", "admin": "administrateur"}
PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 8

FAILURES_BEFORE_LOCK = 5
FIRST_LOCK_SECONDS = 30
# 15 minutes: long enough to make guessing slow (see the module docstring), short enough that a
# mediator who mistyped is back before the queue grows; ``kiosk pin set`` unlocks at once.
LOCK_CAP_SECONDS = 15 * 60

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
# OpenSSL refuses more than 32 MiB by default; 128 * r * N is 16 MiB here, and older hashes with
# a larger N must still be checked.
SCRYPT_MAXMEM = 256 * 2**20

Clock = Callable[[], float]


class PinRefusedError(ValueError):
    """A PIN that cannot be used; ``str()`` is a French sentence for the person setting it."""


class PinRecord(NamedTuple):
    """What is stored for one role. Times are seconds since the epoch; 0 means never.

    This module's records are NamedTuples: built ten times faster than dataclasses when the
    kiosk starts (``kiosk.core.settings`` measured it).
    """

    role: str
    hash: bytes
    salt: bytes
    params: str  # "scrypt:n=16384,r=8,p=1"
    failures: int = 0
    locked_until: float = 0.0


class PinResult(NamedTuple):
    """The answer to one try.

    ``ok``: the PIN was right. ``locked_until``: seconds since the epoch until which no PIN is
    checked (0 when not locked). ``tries_left``: wrong PINs allowed before the next lock-out
    (0 while locked, or when the role has no PIN). ``no_pin``: the role has no PIN yet, so its
    mode stays closed.
    """

    ok: bool
    locked_until: float = 0.0
    tries_left: int = 0
    no_pin: bool = False

    def wait_seconds(self, now: float) -> int:
        """Whole seconds to wait before the next try (0 when a try is possible)."""
        return max(0, int(-(-(self.locked_until - now) // 1)))


class AuditEntry(NamedTuple):
    """One line of the audit trail: ``by`` (who: "admin", "mediator" or "command_line"),
    ``action`` ("pin_set", "pin_changed"…) and ``detail`` (what it was about, never a secret)."""

    by: str
    action: str
    detail: str = ""


class PinStore(Protocol):
    """Where PIN records and the audit trail live (``kiosk.store.pin_store.PinStore``)."""

    def load(self, role: str) -> PinRecord | None: ...
    def save(self, record: PinRecord, audit: AuditEntry | None = None) -> None:
        """Write the record, and the audit row if any, in one transaction."""
        ...

    def record_try(self, role: str, failures: int, locked_until: float) -> None: ...


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` cannot be a PIN, as a French sentence; None when it can.

    Refused: anything but 4 to 8 digits (issue #12), one digit repeated ("0000"), and a run
    up or down by one ("1234", "98765"), the commonest PINs in published leaks
    (Berry, "PIN analysis", DataGenetics, 2012).
    """
    if not pin:
        return "Le code est vide. Tapez de 4 à 8 chiffres."
    if not pin.isascii() or not pin.isdigit():
        return "Le code ne doit contenir que des chiffres (de 0 à 9)."
    if not PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS:
        return f"Le code doit avoir de {PIN_MIN_DIGITS} à {PIN_MAX_DIGITS} chiffres."
    if len(set(pin)) == 1:
        return "Ce code est trop facile à deviner : tous ses chiffres sont les mêmes."
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    if steps in ({1}, {9}):
        return (
            "Ce code est trop facile à deviner : ses chiffres se suivent. Choisissez-en un autre."
        )
    return None


def _params_text(n: int, r: int, p: int) -> str:
    return f"scrypt:n={n},r={r},p={p}"


def _parse_params(text: str) -> tuple[int, int, int]:
    kind, _, values = text.partition(":")
    if kind != "scrypt":
        raise ValueError(f"unknown PIN hash {text!r}")
    numbers = dict(part.split("=", 1) for part in values.split(","))
    return int(numbers["n"]), int(numbers["r"]), int(numbers["p"])


def hash_pin(pin: str, salt: bytes, params: str) -> bytes:
    """The scrypt hash of ``pin`` (digits) with ``salt``, for ``params`` as stored."""
    import hashlib  # OpenSSL's, loaded at the first PIN rather than at the kiosk's start

    n, r, p = _parse_params(params)
    return hashlib.scrypt(
        pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=SCRYPT_MAXMEM, dklen=HASH_BYTES
    )


def lock_seconds(failures: int) -> float:
    """How long ``failures`` wrong PINs in a row lock the pad: 0 under 5, then 30 s, 60 s,
    120 s… for the 5th, 6th, 7th…, never more than ``LOCK_CAP_SECONDS``."""
    if failures < FAILURES_BEFORE_LOCK:
        return 0.0
    doublings = min(failures - FAILURES_BEFORE_LOCK, 20)
    return float(min(FIRST_LOCK_SECONDS * 2**doublings, LOCK_CAP_SECONDS))


class PinBook:
    """The PINs of every role: check one, set one, say whether one exists.

    ``clock`` gives seconds since the epoch (``time.time`` by default; tests give a fake one).
    ``scrypt_n`` is the cost of new hashes; a hash made with another cost is still checked,
    then made again with this one (tests that try many PINs pass a smaller one).
    """

    def __init__(self, store: PinStore, clock: Clock = time.time, scrypt_n: int = SCRYPT_N) -> None:
        self.store = store
        self.clock = clock
        self.params = _params_text(scrypt_n, SCRYPT_R, SCRYPT_P)
        self._lock = threading.Lock()  # one try at a time: failures are counted exactly

    def has_pin(self, role: str) -> bool:
        """True when ``role`` has a PIN, so its mode can be opened."""
        _check_role(role)
        return self.store.load(role) is not None

    def check(self, role: str, pin: str, now: float | None = None) -> PinResult:
        """Compare ``pin`` with the stored hash of ``role``, counting wrong tries.

        While locked, the PIN is not even compared and the try does not count. A right PIN
        clears the failures. ``now``: seconds since the epoch (the clock when None).
        Raises ValueError for an unknown role only.
        """
        _check_role(role)
        with self._lock:
            now = self.clock() if now is None else now
            record = self.store.load(role)
            if record is None:
                return PinResult(ok=False, no_pin=True)
            record = self._within_cap(record, now)
            if record.locked_until > now:
                return PinResult(ok=False, locked_until=record.locked_until, tries_left=0)
            import hmac

            try:
                matched = hmac.compare_digest(
                    hash_pin(pin, record.salt, record.params), record.hash
                )
            except (UnicodeEncodeError, ValueError):  # not digits, or a hash we cannot read
                matched = False
            if matched:
                if record.failures or record.locked_until:
                    self.store.record_try(role, 0, 0.0)
                if record.params != self.params:
                    self.store.save(self._new_record(role, pin))  # the cost changed since
                return PinResult(ok=True, tries_left=FAILURES_BEFORE_LOCK)
            failures = record.failures + 1
            wait = lock_seconds(failures)
            locked_until = now + wait if wait else 0.0
            self.store.record_try(role, failures, locked_until)
            tries_left = 0 if wait else FAILURES_BEFORE_LOCK - failures
            return PinResult(ok=False, locked_until=locked_until, tries_left=tries_left)

    def set_pin(self, role: str, pin: str, by: str = "command_line") -> None:
        """Give ``role`` a new PIN (clearing its failures and lock-out), with an audit row.

        ``by`` says who made the change ("command_line", "admin"), written in the audit.
        Raises PinRefusedError (a French sentence) for a PIN that is too weak or not 4–8 digits.
        """
        _check_role(role)
        problem = pin_problem(pin)
        if problem:
            raise PinRefusedError(problem)
        with self._lock:
            action = "pin_changed" if self.store.load(role) else "pin_set"
            self.store.save(self._new_record(role, pin), audit=AuditEntry(by, action, role))

    def status(self, role: str, now: float | None = None) -> PinResult:
        """The state of ``role`` without a try: no PIN, locked until, or tries left."""
        _check_role(role)
        now = self.clock() if now is None else now
        record = self.store.load(role)
        if record is None:
            return PinResult(ok=False, no_pin=True)
        with self._lock:
            record = self._within_cap(record, now)
        if record.locked_until > now:
            return PinResult(ok=False, locked_until=record.locked_until)
        left = max(1, FAILURES_BEFORE_LOCK - record.failures)
        return PinResult(ok=False, tries_left=left)

    def _within_cap(self, record: PinRecord, now: float) -> PinRecord:
        """A lock-out never ends later than ``LOCK_CAP_SECONDS`` from now: a kiosk whose clock
        went back (no clock battery, a late network time) would otherwise stay locked for years.
        """
        if record.locked_until <= now + LOCK_CAP_SECONDS:
            return record
        capped = record._replace(locked_until=now + LOCK_CAP_SECONDS)
        self.store.record_try(record.role, record.failures, capped.locked_until)
        return capped

    def _new_record(self, role: str, pin: str) -> PinRecord:
        salt = os.urandom(SALT_BYTES)
        return PinRecord(role, hash_pin(pin, salt, self.params), salt, self.params)


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; known: {', '.join(ROLES)}")
