"""Packs you can trust (issue #13): minisign signatures, trusted keys, the change list,
kept versions and rollback; through the real command line on real files and a real database."""

from __future__ import annotations

import datetime
import io
import shutil
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.cli import main
from kiosk.core.checked_dates import tutorial_checks
from kiosk.core.pack_changes import compare_packs
from kiosk.core.pack_reader import read_pack
from kiosk.core.pack_signature import INVALID, SIGNED, UNSIGNED, UNTRUSTED, read_public_key
from kiosk.pack_command import run_keygen, run_sign
from kiosk.pack_install import PackRefusedError, open_offer, rollback
from kiosk.store.audit_store import AuditStore
from kiosk.store.content_store import ContentStore
from kiosk.store.database import open_database
from kiosk.store.pack_versions_store import PackVersionsStore
from kiosk.store.settings_store import SettingsStore
from tests.packs import step_yaml, tutorial_yaml, write_pack


@pytest.fixture
def author(tmp_path):
    """A content author's key pair, made by ``kiosk pack keygen`` (no password: tests)."""
    prefix = tmp_path / "keys" / "auteur"
    prefix.parent.mkdir()
    assert run_keygen(prefix, "Ville de Rezé", True, False, io.StringIO()) == 0
    return prefix


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def signed_pack(capsys, tmp_path, author, name="p", **options):
    folder = write_pack(tmp_path / name, **options)
    code, said = run(capsys, "pack", "sign", str(folder), "--key", f"{author}.key")
    assert code == 0, said
    return folder


def trust(capsys, author, db_path):
    code, said = run(capsys, "pack", "trust", f"{author}.pub", "--db", str(db_path))
    assert code == 0, said
    return said


def tutorial_ids(db_path) -> list[str]:
    db = open_database(db_path)
    try:
        return sorted(t.id for t in ContentStore(db).tutorials())
    finally:
        db.close()


def test_keygen_writes_a_secret_only_its_owner_reads_and_never_overwrites(author, capsys):
    assert (author.parent / "auteur.key").stat().st_mode & 0o777 == 0o600
    public = (author.parent / "auteur.pub").read_text()
    assert public.startswith("untrusted comment: Ville de Rez\\xe9 (minisign public key ")
    assert run_keygen(author, "x", True, False, io.StringIO()) == 1
    assert "existe déjà" in capsys.readouterr().err


def test_a_signed_folder_pack_goes_in_kiosk_mode_with_its_change_list(
    tmp_path, capsys, db_path, author
):
    folder = signed_pack(capsys, tmp_path, author)
    assert (tmp_path / "p.minisig").exists()  # beside the folder
    said = trust(capsys, author, db_path)
    assert "Clé de confiance ajoutée" in said and "Ville de Rezé" in said
    code, said = run(capsys, "--kiosk", "pack", "import", str(folder), "--db", str(db_path))
    assert code == 0, said
    assert "Paquet signé par Ville de Rezé" in said
    assert "- Nouveau paquet « Paquet d'essai », version 1." in said
    assert "- Nouveau tutoriel : « Tutoriel essai » (2 étapes)." in said
    assert tutorial_ids(db_path) == ["essai"]
    db = open_database(db_path)
    [pack] = ContentStore(db).packs()
    assert pack["signed_by"] is not None and pack["signed_by"] in said
    actions = [(e["role"], e["action"]) for e in AuditStore(db).entries()]
    assert ("command line", "pack installed") in actions
    assert ("command line", "pack key trusted") in actions


def test_kiosk_mode_refuses_unsigned_untrusted_and_badly_signed_packs(
    tmp_path, capsys, db_path, author
):
    unsigned = write_pack(tmp_path / "unsigned")
    code, said = run(capsys, "--kiosk", "pack", "import", str(unsigned), "--db", str(db_path))
    assert code == 1
    assert "Ce paquet n'est pas signé." in said and "Rien n'a été installé" in said
    folder = signed_pack(capsys, tmp_path, author)
    code, said = run(capsys, "--kiosk", "pack", "import", str(folder), "--db", str(db_path))
    assert code == 1 and "une clé que cette borne ne connaît pas" in said  # not trusted yet
    trust(capsys, author, db_path)
    tutorial = folder / "tutorials" / "essai.yaml"
    tutorial.write_text(tutorial.read_text().replace("Pour apprendre", "Pour tromper"))
    for argv in (["--kiosk"], []):  # a pack changed after signing is refused everywhere
        code, said = run(capsys, *argv, "pack", "import", str(folder), "--db", str(db_path))
        assert code == 1
        assert "le paquet a été modifié après avoir été signé" in said
    assert tutorial_ids(db_path) == []


def test_the_setting_lets_unsigned_packs_in_on_a_test_kiosk(tmp_path, capsys, db_path):
    unsigned = write_pack(tmp_path / "unsigned")
    code, said = run(capsys, "settings", "set", "allow_unsigned_packs", "oui", "--db", str(db_path))
    assert code == 0, said
    code, said = run(capsys, "--kiosk", "pack", "import", str(unsigned), "--db", str(db_path))
    assert code == 0, said
    assert "Attention : Ce paquet n'est pas signé." in said
    assert tutorial_ids(db_path) == ["essai"]


def test_the_developer_command_line_installs_an_unsigned_pack_with_a_warning(
    tmp_path, capsys, db_path
):
    code, said = run(
        capsys, "pack", "import", str(write_pack(tmp_path / "p")), "--db", str(db_path)
    )
    assert code == 0, said
    assert "Attention : Ce paquet n'est pas signé. Il est installé quand même" in said


def test_a_signed_zip_is_checked_on_its_bytes(tmp_path, capsys, db_path, author):
    archive = zipped(write_pack(tmp_path / "p"), tmp_path / "p.zip")
    code, said = run(capsys, "pack", "sign", str(archive), "--key", f"{author}.key")
    assert code == 0, said
    assert (tmp_path / "p.zip.minisig").read_text().count("\n") == 4
    trust(capsys, author, db_path)
    db = open_database(db_path)
    assert open_offer(archive, db, True).signature.status == SIGNED
    with zipfile.ZipFile(archive, "a") as zf:  # one more file, even one never read
        zf.writestr("LISEZMOI.txt", "bonjour")
    offer = open_offer(archive, db, True)
    assert offer.signature.status == INVALID and offer.refusal
    shutil.copy(tmp_path / "p.zip.minisig", tmp_path / "broken.minisig")
    (tmp_path / "p.zip.minisig").write_text("untrusted comment: x\nnot base64\n")
    assert open_offer(archive, db, False).signature.status == INVALID
    (tmp_path / "p.zip.minisig").unlink()
    offer = open_offer(archive, db, True)
    assert offer.signature.status == UNSIGNED and "clé de confiance" in offer.refusal
    assert open_offer(archive, db, False).refusal is None
    db.close()


def test_keys_are_listed_and_can_be_distrusted(tmp_path, capsys, db_path, author):
    said = trust(capsys, author, db_path)
    key_id = said.split("ajoutée : ")[1].split()[0]
    assert run(capsys, "pack", "trust", f"{author}.pub", "--db", str(db_path))[1].startswith(
        f"La clé {key_id} (Ville de Rezé) est déjà de confiance."
    )
    assert run(capsys, "pack", "keys", "--db", str(db_path)) == (0, f"{key_id}  Ville de Rezé\n")
    folder = signed_pack(capsys, tmp_path, author)
    code, said = run(capsys, "pack", "distrust", key_id.lower(), "--db", str(db_path))
    assert code == 0 and "n'est plus de confiance" in said
    code, said = run(capsys, "--kiosk", "pack", "import", str(folder), "--db", str(db_path))
    assert code == 1 and "une clé que cette borne ne connaît pas" in said
    assert run(capsys, "pack", "distrust", key_id, "--db", str(db_path))[0] == 1


def test_a_key_from_another_author_is_untrusted(tmp_path, capsys, db_path, author):
    other = tmp_path / "keys" / "autre"
    assert run_keygen(other, "Autre", True, False, io.StringIO()) == 0
    folder = write_pack(tmp_path / "p")
    assert main(["pack", "sign", str(folder), "--key", f"{other}.key"]) == 0
    trust(capsys, author, db_path)
    db = open_database(db_path)
    offer = open_offer(folder, db, True)
    assert offer.signature.status == UNTRUSTED and offer.refusal
    db.close()


def zipped(folder, archive):
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
    return archive


minisign_tool = pytest.mark.skipif(
    shutil.which("minisign") is None,
    reason="the minisign tool is missing (packaging/install-system-deps.sh installs it)",
)


@minisign_tool
def test_keys_and_signatures_of_the_minisign_tool_are_ours(tmp_path, capsys, db_path):
    """The reference tool signs, the kiosk checks; the kiosk signs, the tool checks."""
    import subprocess

    tool_pub, tool_key = tmp_path / "outil.pub", tmp_path / "outil.key"
    subprocess.run(
        ["minisign", "-G", "-W", "-p", tool_pub, "-s", tool_key], check=True, capture_output=True
    )
    archive = zipped(write_pack(tmp_path / "p"), tmp_path / "p.zip")
    subprocess.run(
        ["minisign", "-S", "-s", tool_key, "-m", archive], check=True, capture_output=True
    )
    trust(capsys, tmp_path / "outil", db_path)
    key_id = read_public_key(tool_pub).key_id  # the id the tool prints, in the same form
    assert f"minisign public key {key_id}" in tool_pub.read_text()
    code, said = run(capsys, "--kiosk", "pack", "import", str(archive), "--db", str(db_path))
    assert code == 0 and "Paquet signé par" in said, said
    ours = tmp_path / "nous"
    assert run_keygen(ours, "Nous", True, False, io.StringIO()) == 0
    assert main(["pack", "sign", str(archive), "--key", f"{ours}.key"]) == 0
    checked = subprocess.run(
        ["minisign", "-V", "-p", f"{ours}.pub", "-m", archive], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    assert "Signature and comment signature verified" in checked.stdout + checked.stderr


def test_a_secret_key_with_a_password(tmp_path, capsys):
    key = tmp_path / "protegee"
    assert run_keygen(key, "Auteur", False, True, io.StringIO("mot de passe\n")) == 0
    assert "mot de passe" not in (tmp_path / "protegee.key").read_text()
    folder = write_pack(tmp_path / "p")
    assert run_sign(folder, key.with_suffix(".key"), True, io.StringIO("faux\n")) == 1
    assert "Le mot de passe de la clé secrète est faux. Rien n'a été signé." in (
        capsys.readouterr().err
    )
    assert not (tmp_path / "p.minisig").exists()
    assert run_sign(folder, key.with_suffix(".key"), True, io.StringIO("mot de passe\n")) == 0
    assert (tmp_path / "p.minisig").exists()


def test_trusting_a_file_that_is_not_a_key_says_so(tmp_path, capsys, db_path):
    bad = tmp_path / "cle.pub"
    bad.write_text("bonjour\n")
    code, said = run(capsys, "pack", "trust", str(bad), "--db", str(db_path))
    assert code == 1 and "n'est pas une clé publique minisign" in said
    code, said = run(capsys, "pack", "sign", str(write_pack(tmp_path / "p")), "--key", str(bad))
    assert code == 1 and "n'est pas une clé secrète minisign" in said
    assert not (tmp_path / "p.minisig").exists()


def test_a_lower_version_is_refused_then_forced(tmp_path, capsys, db_path):
    for version in (2, 1):
        folder = write_pack(tmp_path / f"v{version}", version=version)
        code, said = run(capsys, "pack", "import", str(folder), "--db", str(db_path))
    assert code == 1
    assert "Attention : le paquet « Paquet d'essai » revient de la version 2 à la version 1" in said
    assert "ajoutez --force" in said and "Rien n'a été installé" in said
    code, said = run(capsys, "pack", "import", str(folder), "--db", str(db_path), "--force")
    assert code == 0, said
    db = open_database(db_path)
    assert ContentStore(db).installed_version("essai-pack") == 1
    db.close()


def versioned(tmp_path, version: int):
    """Version N holds the tutorials t1…tN (one more each time)."""
    tutorials = {f"t{n}": tutorial_yaml(f"t{n}") for n in range(1, version + 1)}
    return write_pack(tmp_path / f"v{version}", version=version, tutorials=tutorials)


def test_three_versions_are_kept_and_a_rollback_reinstalls_exactly(tmp_path, capsys, db_path):
    for version in (1, 2, 3, 4):
        code, said = run(
            capsys, "pack", "import", str(versioned(tmp_path, version)), "--db", str(db_path)
        )
        assert code == 0, said
    code, said = run(capsys, "pack", "versions", "essai-pack", "--db", str(db_path))
    assert code == 0
    lines = said.splitlines()
    assert [line.split()[:3] for line in lines] == [
        ["version", "4", "installée"],
        ["version", "3", "gardée"],
        ["version", "2", "gardée"],
    ]
    assert all("non signée" in line for line in lines)
    db = open_database(db_path)
    before = {t.id: t for t in ContentStore(db).pack_tutorials("essai-pack")}
    db.close()
    code, said = run(capsys, "pack", "rollback", "essai-pack", "--db", str(db_path))
    assert code == 0 and "revenu de la version 4 à la version 3" in said
    assert tutorial_ids(db_path) == ["t1", "t2", "t3"]
    code, said = run(capsys, "pack", "rollback", "essai-pack", "--to", "1", "--db", str(db_path))
    assert code == 1
    assert "La version 1 du paquet « essai-pack » n'est pas gardée." in said
    assert "Versions gardées : 3, 4, 2." in said
    code, said = run(capsys, "pack", "rollback", "essai-pack", "--to", "4", "--db", str(db_path))
    assert code == 0, said
    db = open_database(db_path)
    after = {t.id: t for t in ContentStore(db).pack_tutorials("essai-pack")}
    assert after == before  # exactly the same tutorials, step by step
    rolled = [e for e in AuditStore(db).entries() if e["action"] == "pack rolled back"]
    assert [e["detail"] for e in rolled] == ["essai-pack 3 → 4", "essai-pack 4 → 3"]
    db.close()


def test_a_rollback_keeps_the_signer_of_that_version(tmp_path, capsys, db_path, author):
    trust(capsys, author, db_path)
    first = signed_pack(capsys, tmp_path, author, name="v1", version=1)
    assert main(["pack", "import", str(first), "--db", str(db_path)]) == 0
    assert (
        main(["pack", "import", str(write_pack(tmp_path / "v2", version=2)), "--db", str(db_path)])
        == 0
    )
    db = open_database(db_path)
    assert [v.signed_by is not None for v in PackVersionsStore(db).versions("essai-pack")] == [
        False,
        True,
    ]
    assert rollback(db, "essai-pack", None, "admin") == (2, 1)
    [pack] = ContentStore(db).packs()
    assert pack["version"] == 1 and pack["signed_by"] is not None
    with pytest.raises(PackRefusedError, match="n'est pas installé"):
        rollback(db, "autre", None, "admin")
    db.close()


def test_a_refused_install_changes_nothing_not_even_the_kept_versions(tmp_path, db_path):
    db = open_database(db_path)
    content = ContentStore(db)
    from kiosk.pack_install import install_offer

    install_offer(
        open_offer(write_pack(tmp_path / "a", pack_id="a"), db, False), db, False, "admin"
    )
    clash = write_pack(tmp_path / "b", pack_id="b")  # its tutorial "essai" belongs to pack a
    tables = ["packs", "tutorials", "pack_versions", "audit"]
    counts = [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables]
    with pytest.raises(Exception, match="appartient déjà au paquet « a »"):
        install_offer(open_offer(clash, db, False), db, False, "admin")
    assert [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables] == counts
    assert content.installed_version("b") is None
    db.close()


def test_the_change_list_names_tutorials_and_steps_added_changed_removed(tmp_path):
    old = read_pack(
        write_pack(
            tmp_path / "old",
            version=3,
            tutorials={
                "garde": tutorial_yaml("garde", steps=step_yaml("un") + step_yaml("deux")),
                "part": tutorial_yaml("part"),
                "pareil": tutorial_yaml("pareil"),
            },
        )
    )
    changed_step = step_yaml("deux").replace("Texte de l'étape deux", "Nouveau texte")
    new = read_pack(
        write_pack(
            tmp_path / "new",
            version=4,
            tutorials={
                "garde": tutorial_yaml("garde", steps=changed_step + step_yaml("trois")),
                "arrive": tutorial_yaml("arrive"),
                "pareil": tutorial_yaml("pareil"),
            },
        )
    )
    changes = compare_packs(old.tutorials, 3, new)
    assert changes.sentences() == [
        "Le paquet « Paquet d'essai » passe de la version 3 à la version 4.",
        "Nouveau tutoriel : « Tutoriel arrive » (2 étapes).",
        "Tutoriel retiré : « Tutoriel part ».",
        "Tutoriel modifié : « Tutoriel garde ». Étapes ajoutées : « Titre trois ». "
        "Étapes modifiées : « Titre deux ». Étapes retirées : « Titre un ».",
    ]
    same = compare_packs(new.tutorials, 4, new)
    assert same.sentences()[1:] == ["Aucun tutoriel ne change."]
    assert compare_packs(new.tutorials, 5, new).is_older


def test_the_change_list_sees_no_change_in_a_stored_tutorial(tmp_path, db_path, builtin_pack_dir):
    """The installed tutorials come back from JSON (lists, not tuples): still equal."""
    db = open_database(db_path)
    offer = open_offer(builtin_pack_dir, db, False)
    from kiosk.pack_install import install_offer

    install_offer(offer, db, False, "admin")
    again = open_offer(builtin_pack_dir, db, False)
    assert again.changes.changed == () and again.changes.added == ()
    db.close()


def test_old_checks_are_flagged(tmp_path, db_path):
    db = open_database(db_path)
    fresh = tutorial_yaml("frais").replace("checked: 2026-11-20", "checked: 2026-06-01")
    old = tutorial_yaml("vieux").replace("checked: 2026-11-20", "checked: 2024-01-15")
    ContentStore(db).install(
        read_pack(write_pack(tmp_path / "p", tutorials={"frais": fresh, "vieux": old}))
    )
    checks = tutorial_checks(ContentStore(db).checked_dates(), datetime.date(2026, 11, 29), 365)
    assert [(c.tutorial_id, c.checked.isoformat(), c.overdue) for c in checks] == [
        ("vieux", "2024-01-15", True),
        ("frais", "2026-06-01", False),
    ]
    assert SettingsStore(db).get("verified_max_age_days") == 365
    db.close()


def test_any_signature_file_is_a_verdict_never_an_exception(tmp_path):
    """Hostile input is normal input: whatever lies beside the pack, a sentence comes out."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from kiosk.core.pack_signature import TrustedKey, check_signature, signature_path

    key = TrustedKey(
        "0123456789ABCDEF", "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3", "x"
    )
    target = tmp_path / "p.zip.minisig"
    assert signature_path(tmp_path / "p.zip") == target
    lines = st.lists(
        st.one_of(
            st.binary(max_size=120),
            st.just(b"untrusted comment: x"),
            st.just(b"trusted comment: timestamp:1"),
            st.just(b"RWQf6LRCGA9i59SLOFxz6NxvASXDJeRtuZykwQepbDEGt87ig1BNpWaVWuNrm73YiIiJbq71Wi"),
        ),
        max_size=6,
    )

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(lines)
    def check(content):
        target.write_bytes(b"\n".join(content))
        verdict = check_signature(b"pack", target, [key])
        assert verdict.status in (INVALID, UNTRUSTED) and verdict.sentence

    check()


def test_a_folder_signature_lies_beside_the_folder(tmp_path):
    from kiosk.core.pack_signature import signature_path

    folder = tmp_path / "mon-paquet"
    folder.mkdir()
    assert signature_path(folder) == tmp_path / "mon-paquet.minisig"
    assert signature_path(tmp_path / "mon-paquet" / ".") == tmp_path / "mon-paquet.minisig"


def test_a_key_id_reads_as_the_minisign_tool_prints_it():
    """minisign prints the id as a little-endian number, "%" PRIX64: no leading zero."""
    import base64

    from kiosk.core.pack_signature import key_id_of

    raw = b"Ed" + bytes([0xD0, 0xED, 0xA9, 0xE6, 0x27, 0x5B, 0x01, 0x09]) + bytes(32)
    assert key_id_of(base64.b64encode(raw).decode()) == "9015B27E6A9EDD0"


def test_the_built_in_pack_is_kept_so_an_import_can_be_undone(tmp_path, db_path):
    """After an import of a newer version of the built-in pack, one rollback brings the
    built-in one back; a kiosk installed before it was kept gets it kept at its next start."""
    from kiosk.builtin_content import BUILTIN_PACK, ensure_builtin_content, pack_header

    pack_id, version = pack_header(BUILTIN_PACK)
    db = open_database(db_path)
    content = ContentStore(db)
    content.install(read_pack(BUILTIN_PACK))  # as kiosks did before: no kept version
    assert PackVersionsStore(db).versions(pack_id) == []
    assert ensure_builtin_content(content) is True
    assert ensure_builtin_content(content) is False  # once
    [kept] = PackVersionsStore(db).versions(pack_id)
    assert (kept.version, kept.installed, kept.signed_by) == (version, True, None)
    newer = tmp_path / "newer"
    shutil.copytree(BUILTIN_PACK, newer)
    header = (newer / "pack.yaml").read_text(encoding="utf-8")
    (newer / "pack.yaml").write_text(
        header.replace(f"version: {version}", f"version: {version + 1}"), encoding="utf-8"
    )
    content.install(read_pack(newer))
    assert rollback(db, pack_id, None, "admin") == (version + 1, version)
    assert content.installed_version(pack_id) == version
    db.close()


@given(st.text(max_size=80))
def test_a_signers_name_keeps_its_accents_through_a_key_file(name):
    """Minisign comments hold printable ASCII only; the name goes through escapes and comes
    back whole ("Ville de Rezé" was shown "Ville de Reze")."""
    from kiosk.core.pack_signature import comment_name, name_comment
    from kiosk.core.safe_text import character_problem

    comment = name_comment(name)
    assert all(" " <= c < "\x7f" for c in comment)
    if len(comment) < 400 and not character_problem(name):
        assert comment_name(comment) == name
