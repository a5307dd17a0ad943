"""Signed content packs: a detached minisign signature beside the pack, checked against the
public keys the admin trusts.

The library is py-minisign (PyPI ``py-minisign``, imported as ``minisign``, ISC licence): it is
co-written by Frank Denis, the author of minisign, reads and writes the very files of the
``minisign`` tool (public and secret keys, ``.minisig`` signatures, the prehashed BLAKE2b mode
that minisign uses by default since 0.11) and does the Ed25519 arithmetic with pyca's
``cryptography``, the most used and audited crypto library of Python. PyNaCl would give the
same Ed25519, but the key and signature file formats, their password encryption (scrypt) and
their checksums would then be our own code. A content author can therefore use either
``kiosk pack sign`` or the ``minisign`` tool itself on a ``.zip`` pack.

What is signed (docs/content-format.md, "Signer un paquet"):

- a ``.zip`` pack: the archive's bytes, as ``minisign -S -m pack.zip`` signs them; the
  signature is ``pack.zip.minisig`` beside it. The bytes checked are the bytes the pack is read
  from (``PackFiles.archive``): a file swapped between check and read changes nothing.
- a folder pack: its *manifest* (``manifest``), one line per file the kiosk reads
  (``pack.yaml``, tutorials, personas, images), sorted by path, in sha256sum's format
  ``<sha256 in hex>  <path>``; the signature is ``<folder>.minisig`` beside the folder.
  Files the kiosk never reads (a README) are not covered, and change nothing on the kiosk.

The key id shown to people is the one the minisign tool prints: the 8 id bytes read as a
little-endian number, in capital hex digits without leading zeros (minisign.c prints
``le64_load(keynum)`` with ``%" PRIX64``), so the admin compares the very same text.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import time
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from kiosk.core.i18n import _
from kiosk.core.pack_files import PackFiles
from kiosk.core.safe_text import character_problem

SIGNATURE_SUFFIX = ".minisig"
MAX_SIGNATURE_BYTES = 16 * 1024  # a signature is 4 lines; its trusted comment at most 8 KiB
MAX_KEY_BYTES = 4 * 1024
_ALGORITHM_BYTES = 2
_KEY_ID_BYTES = 8

SIGNED = "signed"
UNSIGNED = "unsigned"
UNTRUSTED = "untrusted"
INVALID = "invalid"


class KeyFileError(Exception):
    """A key file cannot be read or used; the message is a French sentence."""


class TrustedKey(NamedTuple):
    """A public key the admin trusts: ``key_id`` (hex, as minisign prints it), ``public_key``
    (the base64 line of a ``.pub`` file), ``name`` (who it belongs to, as its file says)."""

    key_id: str
    public_key: str
    name: str


class SignatureCheck(NamedTuple):
    """The verdict on a pack's signature.

    ``status``: SIGNED (valid, by a trusted key), UNSIGNED (no signature file), UNTRUSTED
    (valid format, but by a key this kiosk does not trust) or INVALID (unreadable, or the pack
    changed after it was signed). ``key_id`` and ``signer`` name the key when known;
    ``sentence`` says it to the admin in French (through ``_``).
    """

    status: str
    key_id: str | None
    signer: str | None
    sentence: str

    @property
    def trusted(self) -> bool:
        return self.status == SIGNED


def signature_path(location: Path) -> Path:
    """Where the signature of the pack at ``location`` is: ``pack.zip.minisig`` beside a zip,
    ``<folder>.minisig`` beside a folder."""
    location = Path(location)
    if location.is_dir():
        location = location.resolve()
    return location.with_name(location.name + SIGNATURE_SUFFIX)


def manifest(files: PackFiles) -> bytes:
    """The signed text of a folder pack: ``<sha256>  <path>`` per file read, sorted by path."""
    lines = (
        f"{hashlib.sha256(data).hexdigest()}  {name}\n"
        for name, data in sorted(files.files.items())
    )
    return "".join(lines).encode("utf-8")


def signed_message(files: PackFiles) -> bytes:
    """What a signature of this pack covers: the archive's bytes, or a folder's manifest."""
    return files.archive if files.archive is not None else manifest(files)


def key_id_of(public_key: str) -> str:
    """The key id (hex digits, as the minisign tool prints it) of a base64 public key.

    Raises KeyFileError when the text is not a minisign public key.
    """
    import minisign

    try:
        minisign.PublicKey.from_base64(public_key)
        raw = base64.b64decode(public_key, validate=True)
    except (minisign.Error, ValueError, binascii.Error) as error:
        raise KeyFileError(_("Ce n'est pas une clé publique minisign.")) from error
    return _shown_id(raw[_ALGORITHM_BYTES : _ALGORITHM_BYTES + _KEY_ID_BYTES])


def ascii_comment(text: str) -> str:
    """``text`` as a minisign comment can hold it: printable ASCII on one line (accents
    dropped, "Rezé" → "Reze"; other characters become "?")."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(c if c == "\t" or " " <= c < "\x7f" else "?" for c in plain)[:200]


def name_comment(name: str) -> str:
    """A key owner's name as a minisign comment can hold it (printable ASCII, one line), kept
    whole: "Ville de Rezé" → "Ville de Rez\\xe9". Backslashes are doubled, then every other
    character is written as Python writes it (``backslashreplace``: \\xNN, \\uNNNN); the
    minisign tool shows that text as it is, ``comment_name`` reads it back. (Dropping the
    accents, as keys were first made, lost them: the packs page said "Reze".)"""
    escaped = name.replace("\\", "\\\\").encode("ascii", "backslashreplace").decode("ascii")
    return "".join(c if " " <= c < "\x7f" else f"\\x{ord(c):02x}" for c in escaped)[:400]


def comment_name(comment: str) -> str:
    """The name written by ``name_comment``; a comment written otherwise (by the minisign
    tool, or before) as it is, unless its escapes read as hidden characters."""
    if "\\" not in comment:
        return comment
    try:
        name = comment.encode("ascii").decode("unicode_escape")
    except (UnicodeError, ValueError):
        return comment
    return comment if character_problem(name) else name


def _shown_id(raw: bytes) -> str:
    return format(int.from_bytes(raw, "little"), "X")


def read_public_key(path: Path) -> TrustedKey:
    """The key of a minisign ``.pub`` file (two lines: a comment, the key in base64).

    The name is the file's comment without "untrusted comment: " (the file name when it is
    minisign's default comment). Raises KeyFileError with a French sentence.
    """
    import minisign

    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_KEY_BYTES + 1)
    except OSError as error:
        raise KeyFileError(
            _("Le fichier {path} ne peut pas être lu ({why}).").format(
                path=path, why=error.strerror
            )
        ) from error
    try:
        if len(data) > MAX_KEY_BYTES:
            raise ValueError("too long")
        key = minisign.PublicKey.from_bytes(data.strip())
    except (minisign.Error, ValueError, UnicodeDecodeError) as error:
        raise KeyFileError(
            _("Le fichier {path} n'est pas une clé publique minisign (fichier .pub).").format(
                path=path
            )
        ) from error
    text = key.to_base64().decode("ascii")
    key_id = key_id_of(text)
    comment = (key.untrusted_comment or "").split(" (minisign public key")[0].strip()
    if not comment or comment.startswith("minisign public key"):
        comment = Path(path).stem
    return TrustedKey(key_id, text, comment_name(comment)[:200])


def check_signature(
    message: bytes, signature_file: Path, trusted: Iterable[TrustedKey]
) -> SignatureCheck:
    """Check the signature in ``signature_file`` of ``message`` against ``trusted`` keys.

    Never raises for a bad file: an unreadable or wrong signature is an INVALID verdict.
    """
    import minisign

    try:
        with open(signature_file, "rb") as stream:
            data = stream.read(MAX_SIGNATURE_BYTES + 1)
    except FileNotFoundError:
        return SignatureCheck(UNSIGNED, None, None, _("Ce paquet n'est pas signé."))
    except OSError as error:
        return _invalid(None, _("Sa signature ne peut pas être lue ({why}).").format(why=error))
    try:
        if len(data) > MAX_SIGNATURE_BYTES:
            raise ValueError("too long")
        signature = minisign.Signature.from_bytes(data.strip())
        line = data.strip().split(b"\n")[1].strip()
        raw = base64.b64decode(line, validate=True)
    except (minisign.Error, ValueError, IndexError, binascii.Error, UnicodeDecodeError):
        return _invalid(None, _("Sa signature est illisible : ce n'est pas un fichier minisign."))
    key_id = _shown_id(raw[_ALGORITHM_BYTES : _ALGORITHM_BYTES + _KEY_ID_BYTES])
    key = next((k for k in trusted if k.key_id == key_id), None)
    if key is None:
        return SignatureCheck(
            UNTRUSTED,
            key_id,
            None,
            _(
                "Ce paquet est signé par une clé que cette borne ne connaît pas ({key}). "
                "Si vous faites confiance à son auteur, ajoutez sa clé avec "
                "« kiosk pack trust »."
            ).format(key=key_id),
        )
    try:
        minisign.PublicKey.from_base64(key.public_key).verify(message, signature)
    except minisign.Error:
        return _invalid(
            key_id,
            _(
                "La signature ne correspond pas au contenu : le paquet a été modifié après "
                "avoir été signé. Demandez un nouveau paquet à son auteur."
            ),
        )
    return SignatureCheck(
        SIGNED,
        key_id,
        key.name,
        _("Paquet signé par {name} ({key}).").format(name=key.name, key=key_id),
    )


def _invalid(key_id: str | None, sentence: str) -> SignatureCheck:
    return SignatureCheck(INVALID, key_id, None, sentence)


class KeyPair(NamedTuple):
    """A new key pair as file contents: ``secret`` (keep it), ``public`` (share it)."""

    key_id: str
    secret: bytes
    public: bytes


def generate_key_pair(name: str, password: str | None) -> KeyPair:
    """A new Ed25519 key pair in minisign's file formats; the secret key encrypted with
    ``password`` (minisign's scrypt parameters) unless it is None. ``name`` goes in the
    comment line of both files, in ASCII (``name_comment``: what minisign comments hold,
    accents kept as escapes that ``read_public_key`` reads back).
    """
    import minisign

    pair = minisign.KeyPair.generate()
    secret, public = pair.secret_key, pair.public_key
    key_id = key_id_of(public.to_base64().decode("ascii"))
    name = name_comment(name)
    public.untrusted_comment = f"{name} (minisign public key {key_id})"
    secret.untrusted_comment = f"{name} (minisign secret key {key_id})"
    if password is not None:
        secret.encrypt(password)
    result = KeyPair(key_id, bytes(secret) + b"\n", bytes(public) + b"\n")
    secret.wipe()
    return result


def sign(message: bytes, secret_key_file: Path, password: str | None, what: str) -> bytes:
    """The ``.minisig`` file's content for ``message`` signed with the key in
    ``secret_key_file`` (decrypted with ``password`` when it is encrypted). ``what`` (the
    pack's file name) goes in the signed comment, as the minisign tool does.

    Raises KeyFileError with a French sentence: unreadable file, wrong password.
    """
    import minisign

    try:
        with open(secret_key_file, "rb") as stream:
            data = stream.read(MAX_KEY_BYTES + 1)
        secret = minisign.SecretKey.from_bytes(data.strip())
    except OSError as error:
        raise KeyFileError(
            _("Le fichier {path} ne peut pas être lu ({why}).").format(
                path=secret_key_file, why=error.strerror
            )
        ) from error
    except (minisign.Error, ValueError, UnicodeDecodeError) as error:
        raise KeyFileError(
            _("Le fichier {path} n'est pas une clé secrète minisign.").format(path=secret_key_file)
        ) from error
    with secret:
        if secret.is_encrypted():
            if password is None:
                raise KeyFileError(_("Cette clé secrète est protégée : il faut son mot de passe."))
            try:
                secret.decrypt(password)
            except minisign.Error as error:
                raise KeyFileError(_("Le mot de passe de la clé secrète est faux.")) from error
        comment = f"timestamp:{int(time.time())}\tfile:{ascii_comment(what)}"
        signature = secret.sign(message, trusted_comment=comment)
    return bytes(signature) + b"\n"


def is_encrypted_key(secret_key_file: Path) -> bool:
    """Whether the secret key file is password-protected (False when it cannot be read:
    ``sign`` then says why)."""
    import minisign

    try:
        with open(secret_key_file, "rb") as stream:
            secret = minisign.SecretKey.from_bytes(stream.read(MAX_KEY_BYTES + 1).strip())
        with secret:
            return secret.is_encrypted()
    except (OSError, minisign.Error, ValueError, UnicodeDecodeError):
        return False
