"""A big library (issue #19): a theme shown a page at a time, search best first, lists read
only the columns they show."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.core.pack_reader import read_pack
from kiosk.store.content_store import ContentStore
from kiosk.store.database import open_database
from tests.conftest import press, set_text_size
from tests.packs import tutorial_yaml, write_pack

EXTRA = 30  # tutorials added to "sante": 3 pages of 12 with the built-in ones


@pytest.fixture
def big_sante(content, tmp_path) -> list[str]:
    """The built-in pack plus EXTRA health tutorials; the theme's ids in the order shown."""
    tutorials = {
        f"sante-{n:02d}": tutorial_yaml(f"sante-{n:02d}", category="sante") for n in range(EXTRA)
    }
    content.install(read_pack(write_pack(tmp_path / "sante", tutorials=tutorials)))
    return [summary.id for summary in content.tutorials("sante")]


def shown_ids(home) -> list[str]:
    return [card.objectName().removeprefix("tutorial-") for card in home.cards]


def test_a_theme_is_shown_a_page_at_a_time(qtbot, window, big_sante):
    home = window.home
    press(qtbot, window.welcome.start_button)
    press(qtbot, next(c for c in home.cards if c.objectName() == "category-sante"))
    size = home.PAGE_SIZE
    assert shown_ids(home) == big_sante[:size]
    pages = -(-len(big_sante) // size)
    assert home.page_label.text() == f"Page 1 sur {pages}"
    assert not home.earlier_button.isVisible()
    assert QApplication.focusWidget() is home.cards[0]  # the pressed tile went away

    press(qtbot, home.later_button)
    assert shown_ids(home) == big_sante[size : 2 * size]
    assert home.page_label.text() == f"Page 2 sur {pages}"
    assert QApplication.focusWidget() is home.cards[0]
    assert all(card.isVisible() for card in home.cards)

    for _ in range(pages - 2):
        press(qtbot, home.later_button)
    assert shown_ids(home) == big_sante[(pages - 1) * size :]
    assert not home.later_button.isVisible()

    home.retranslate_ui()  # what a change of language runs: the page stays
    assert shown_ids(home) == big_sante[(pages - 1) * size :]
    press(qtbot, home.earlier_button)
    assert shown_ids(home) == big_sante[(pages - 2) * size : (pages - 1) * size]

    # A tile of a later page opens its own tutorial.
    with qtbot.waitSignal(home.tutorial_chosen) as chosen:
        press(qtbot, home.cards[-1])
    assert chosen.args == [big_sante[(pages - 1) * size - 1]]
    home.go_back()
    assert not home.page_label.isVisible()
    assert not home.later_button.isVisible()


def test_tiles_are_reused_not_rebuilt(qtbot, window, big_sante):
    home = window.home
    home.show_category("sante")
    first = list(home.cards)
    home.show_category("sante", 1)
    assert home.cards == first  # the same widgets, with the next page's texts
    assert len(home.findChildren(type(first[0]), "tutorial-sante-00")) <= 1


def test_search_puts_title_matches_first(content, tmp_path):
    """A tutorial whose title says the word comes before one whose steps only mention it."""
    steps = """  - id: un
    title: {fr: "Une étape", en: "A step"}
    text: {fr: "Parlez du zeppelin.", en: "Talk about the zeppelin."}
"""
    tutorials = {
        "a-corps": tutorial_yaml("a-corps", steps=steps),
        "b-titre": tutorial_yaml("b-titre").replace("Tutoriel b-titre", "Le zeppelin"),
    }
    content.install(read_pack(write_pack(tmp_path / "z", tutorials=tutorials)))
    assert [s.id for s in content.search("zeppelins")] == ["b-titre", "a-corps"]
    # One word in the title, the other in the steps: still found.
    assert [s.id for s in content.search("zeppelin parlez")] == ["a-corps"]


def test_an_older_database_gets_its_list_columns(db_path, builtin_pack_dir):
    """Migration 0004 fills the titles and step counts from the documents already there."""
    import sqlite3

    from kiosk.store import migrations

    db = open_database(db_path)
    store = ContentStore(db)
    store.install(read_pack(builtin_pack_dir))
    expected = store.tutorials()
    found = [s.id for s in store.search("impots")]
    db.execute("UPDATE tutorials SET title = '{}', step_count = 0")
    db.close()
    raw = sqlite3.connect(db_path)
    raw.execute(
        f"DELETE FROM {migrations.MIGRATIONS_TABLE} WHERE name IN "
        "('0007_tutorial_shelf', '0008_search_prefixes')"
    )
    raw.executescript(
        "DROP INDEX tutorials_shelf; ALTER TABLE tutorials DROP COLUMN title;"
        "ALTER TABLE tutorials DROP COLUMN step_count;"
        "CREATE INDEX tutorials_category ON tutorials(category, position);"
    )
    raw.commit()
    raw.close()
    again = ContentStore(open_database(db_path))
    assert again.tutorials() == expected
    assert [s.id for s in again.search("impots")] == found


def test_an_older_search_index_is_rebuilt_without_word_positions(db_path, builtin_pack_dir):
    """Migration 0011 rebuilds the index of a kiosk already in use: same rows, same answers."""
    import sqlite3

    from kiosk.store import migrations

    queries = ("impots", "mot de passe", "attestation", "e", "securite sociale", "caf")
    db = open_database(db_path)
    store = ContentStore(db)
    store.install(read_pack(builtin_pack_dir))
    found = {query: [s.id for s in store.search(query)] for query in queries}
    db.close()
    raw = sqlite3.connect(db_path)
    raw.execute(
        f"DELETE FROM {migrations.MIGRATIONS_TABLE} WHERE name = '0011_search_columns_only'"
    )
    raw.executescript(  # the index as migration 0008 made it, word positions included
        """
        CREATE VIRTUAL TABLE old_index USING fts5(
            tutorial_id UNINDEXED, language UNINDEXED, title, summary, keywords, body,
            tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
        );
        INSERT INTO old_index SELECT * FROM tutorials_fts;
        DROP TABLE tutorials_fts;
        ALTER TABLE old_index RENAME TO tutorials_fts;
        """
    )
    rows = raw.execute("SELECT count(*) FROM tutorials_fts").fetchone()
    raw.commit()
    raw.close()
    again = open_database(db_path)
    (schema,) = again.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'tutorials_fts'"
    ).fetchone()
    assert "detail = column" in schema
    assert again.execute("SELECT count(*) FROM tutorials_fts").fetchone() == rows
    store = ContentStore(again)
    assert {query: [s.id for s in store.search(query)] for query in queries} == found
    assert all(found.values())


def test_theme_counts_follow_an_import_by_another_process(content, db_path, tmp_path):
    """The kept counts are asked again once another connection changed the file."""
    before = content.category_counts()
    other = ContentStore(open_database(db_path))  # as `kiosk pack import` would, elsewhere
    other.install(read_pack(write_pack(tmp_path / "p", tutorials={"x": tutorial_yaml("x")})))
    assert content.category_counts()["bases"] == before["bases"] + 1
    content.install(
        read_pack(write_pack(tmp_path / "q", pack_id="q", tutorials={"y": tutorial_yaml("y")}))
    )
    assert content.category_counts()["bases"] == before["bases"] + 2


def test_tab_goes_through_the_page_then_to_the_other_pages(qtbot, window, big_sante):
    """Keyboard users meet the tiles in reading order, then "Voir la suite"; it is read aloud."""
    home = window.home
    press(qtbot, window.welcome.start_button)
    home.show_category("sante", 1)
    chain = [home.back_button, *home.cards, home.earlier_button, home.later_button]
    home.back_button.setFocus()
    for second in chain[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is second
    assert home.reading()[-1].text == f"Page 2 sur {-(-len(big_sante) // home.PAGE_SIZE)}."


def _titled(tutorial_id: str, title: str, summary: str = "Pour apprendre.", step: str = "") -> str:
    text = tutorial_yaml(tutorial_id).replace(f"Tutoriel {tutorial_id}", title)
    text = text.replace("Pour apprendre.", summary)
    return text.replace("Texte de l'étape un.", step or "Texte de l'étape un.")


def test_search_levels_whole_title_word_prefix_summary_then_steps(content, tmp_path):
    """Best first: the word itself in the title, a title word it starts, the summary, a step.

    The pack's order is the reverse, so that the library's order cannot pass for the ranking.
    """
    tutorials = {
        "a-etape": _titled("a-etape", "Une démarche", step="Montez dans le zeppelin."),
        "b-resume": _titled("b-resume", "Un voyage", summary="Voir le zeppelin."),
        "c-debut": _titled("c-debut", "La zeppelinade du quartier"),
        "d-mot": _titled("d-mot", "Les zeppelins"),
    }
    content.install(read_pack(write_pack(tmp_path / "z", tutorials=tutorials)))
    expected = ["d-mot", "c-debut", "b-resume", "a-etape"]
    assert [s.id for s in content.search("zeppelin")] == expected
    assert [s.id for s in content.search("ZEPPELINS")] == expected
    assert [s.id for s in content.search("zeppelin", limit=2)] == expected[:2]


def _search_work(store: ContentStore, query: str) -> int:
    """How many SQLite virtual machine steps one search takes (a count, not a time)."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    store.db.conn.set_progress_handler(count, 10)
    try:
        store.search(query, limit=12)
    finally:
        store.db.conn.set_progress_handler(None, 10)
    return steps[0]


def test_search_work_does_not_grow_with_the_matches(content, tmp_path):
    """A word found in every tutorial costs the same with 60 or 300 of them (issue #19)."""

    def pack(name: str, count: int) -> None:
        tutorials = {
            f"{name}-{n:03d}": _titled(f"{name}-{n:03d}", f"Consulter son compte {n}")
            for n in range(count)
        }
        content.install(read_pack(write_pack(tmp_path / name, tutorials=tutorials, pack_id=name)))

    pack("petit", 60)  # more than a search reads: 12 tutorials, 48 rows
    small = {query: _search_work(content, query) for query in ("co", "compte", "etape")}
    pack("grand", 240)
    for query, work in small.items():
        assert _search_work(content, query) <= work * 1.5, query
    assert len(content.search("co", limit=12)) == 12


def test_the_home_page_paints_its_own_background(qtbot, window):
    """The page covers the layers below it (they are not painted again): its margins still
    show the theme's background, in the usual colours and in high contrast."""
    from kiosk.ui.theme import palette

    press(qtbot, window.welcome.start_button)
    home = window.home
    for high in (False, True, False):
        window.appearance.apply_contrast(high)
        image = home.grab().toImage()
        assert image.pixelColor(20, 120).name() == palette().background, high


def test_a_change_of_language_reaches_the_open_theme(qtbot, window, big_sante):
    """The page keeps Qt's language events from its tiles, and still speaks the new language:
    its texts come from the home itself; Arabic still turns the tiles right to left."""
    home = window.home
    press(qtbot, window.welcome.start_button)
    press(qtbot, next(c for c in home.cards if c.objectName() == "category-sante"))
    window.visit.choose_language("en")
    assert home.heading.text() == "Health"
    assert home.later_button.text() == "See more"
    assert all("minutes" in card.detail_label.text() for card in home.cards)
    assert "steps" in home.cards[0].detail_label.text()
    window.visit.choose_language("ar")
    first, second = home.cards[0], home.cards[1]
    assert first.isRightToLeft()

    def left(card) -> int:
        return card.mapTo(home, card.rect().topLeft()).x()

    qtbot.waitUntil(lambda: left(first) > left(second), timeout=2000)


def test_tiles_made_ahead_are_seen_only_once_placed(qtbot, window, big_sante):
    """The tutorials' tiles are made and placed, hidden, while the themes are read; every
    view after that shows its own tiles and no other (a tile with nothing to open)."""
    home = window.home
    press(qtbot, window.welcome.start_button)
    qtbot.waitUntil(lambda: len(home.tutorial_shelf.tiles) >= home.PAGE_SIZE)
    assert not home.tutorial_shelf.isVisible()

    def shown() -> list:
        tiles = home.category_shelf.tiles + home.tutorial_shelf.tiles
        return [tile for tile in tiles if tile.isVisible()]

    home.search_field.setText("sante-07")  # one result
    home._search_now()
    assert shown() == home.cards and len(home.cards) == 1
    home.go_back()
    assert shown() == home.cards and len(home.cards) == 9
    press(qtbot, next(c for c in home.cards if c.objectName() == "category-sante"))
    assert shown() == home.cards and len(home.cards) == home.PAGE_SIZE
    home.search_field.setText("zzzqqq")
    press(qtbot, home.search_button)
    assert shown() == home.cards == []


LONG_TITLE = "Demander une attestation de droits à l'Assurance maladie depuis son compte ameli"


@pytest.mark.parametrize("clicks", [0, 2, 3])  # 100 % and 150 %: two tiles a row; 200 %: one
def test_the_tiles_of_a_row_share_it_and_show_their_whole_texts(
    qtbot, window, content, tmp_path, clicks
):
    """A tile's texts take their height from the tile's width alone (widgets.TileText): long
    titles beside short ones, at every text size, the tiles of a row are as wide as each
    other and nothing is cut."""
    from tests.test_look import clipped, settle

    tutorials = {}
    for n in range(6):
        title = f"{LONG_TITLE} ({n})" if n % 3 else f"Court {n}"
        tutorials[f"long-{n}"] = tutorial_yaml(f"long-{n}", category="sante").replace(
            f'fr: "Tutoriel long-{n}"', f'fr: "{title}"'
        )
    content.install(read_pack(write_pack(tmp_path / "long", tutorials=tutorials)))
    set_text_size(qtbot, window, clicks)
    press(qtbot, window.welcome.start_button)
    window.home.show_category("sante", 1)
    settle(qtbot, window)
    assert clipped(window) == []
    cards = window.home.cards
    assert any(LONG_TITLE in card.title_label.text() for card in cards)
    rows: dict[int, list[int]] = {}
    for card in cards:
        rows.setdefault(card.y(), []).append(card.width())
    per_row = 1 if clicks == 3 else 2
    assert {len(widths) for widths in rows.values()} <= {1, per_row}
    assert all(max(widths) - min(widths) <= 1 for widths in rows.values()), rows
