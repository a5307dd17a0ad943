"""One declarative list of the kiosk's settings, ready for the admin to read and change.

Each setting says, in French for the admin who reads it on the admin screen or with
``kiosk settings list``: its label, a sentence of help, its group, its default and its range.
The admin screen and the command line are both generated from this list; nothing else
declares a setting. A *secret* setting (a broker password…) is never shown back, only
replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

GROUPS: tuple[str, ...] = (
    "Accueil et langues",
    "Temps",
    "Voix",
    "Aide",
    "Impression",
    "Données",
    "Contenu",
    "Salle",
)
"""The groups of the admin screen, in the order shown."""


class Setting(NamedTuple):
    """One setting. Records that never change are NamedTuples: built 10× faster at start-up.

    ``kind`` is ``bool``, ``int``, ``float`` or ``str``; ``minimum``/``maximum`` bound numbers
    (in the setting's unit, named in its label); ``choices`` lists the only allowed strings.
    """

    key: str
    default: Any
    kind: type
    label: str
    help: str
    group: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    secret: bool = False

    def parse(self, raw: Any) -> Any:
        """Turn a stored or typed value into the right type.

        Raises ValueError with a French sentence the admin can act on when it cannot be.
        """
        if self.kind is bool:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("1", "true", "oui", "yes", "on"):
                return True
            if text in ("0", "false", "non", "no", "off"):
                return False
            raise ValueError(f"{self.label} : « {raw} » n'est ni oui ni non.")
        try:
            value = self.kind(str(raw).strip()) if self.kind is not str else str(raw)
        except ValueError:
            raise ValueError(f"{self.label} : « {raw} » n'est pas un nombre.") from None
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"{self.label} : au moins {self.minimum:g}.")
        if self.maximum is not None and value > self.maximum:
            raise ValueError(f"{self.label} : au plus {self.maximum:g}.")
        if self.choices and value not in self.choices:
            raise ValueError(f"{self.label} : choisir parmi {', '.join(self.choices)}.")
        return value

    def shown(self, value: Any) -> str:
        """How the value reads to the admin: « oui »/« non », secrets hidden."""
        if self.secret:
            return "••••••" if value else "(vide)"
        if self.kind is bool:
            return "oui" if value else "non"
        return str(value)


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting(
            "language",
            "fr",
            str,
            "Langue au début de chaque visite",
            "La personne peut toujours changer de langue avec le bouton « Langue ».",
            "Accueil et langues",
            choices=("fr", "en", "ar", "uk", "es", "pt"),
        ),
        Setting(
            "idle_seconds",
            180,
            int,
            "Temps sans geste avant l'avertissement (secondes)",
            "Après ce temps, la borne demande « Êtes-vous encore là ? ». "
            "Au moins 60 secondes : les personnes lisent lentement.",
            "Temps",
            60,
            3600,
        ),
        Setting(
            "idle_countdown_seconds",
            30,
            int,
            "Temps pour répondre à l'avertissement (secondes)",
            "Sans réponse, la visite se termine et tout est effacé. Au moins 20 secondes "
            "(WCAG 2.2.1, temps réglable).",
            "Temps",
            20,
            600,
        ),
        Setting(
            "speech_rate",
            140,
            int,
            "Vitesse de la voix (mots par minute)",
            "175 est la vitesse normale d'espeak-ng ; elle est trop rapide pour beaucoup.",
            "Voix",
            60,
            300,
        ),
        Setting(
            "auto_read",
            False,
            bool,
            "Lire chaque étape à voix haute dès qu'elle s'affiche",
            "Sinon, la personne appuie sur « Écouter ».",
            "Voix",
        ),
        Setting(
            "place_name",
            "",
            str,
            "Nom du lieu imprimé sur la fiche",
            "Par exemple « Médiathèque de Rezé ». Vide : rien n'est imprimé.",
            "Impression",
        ),
        Setting(
            "print_timeout_seconds",
            30,
            int,
            "Temps maximum pour imprimer une fiche (secondes)",
            "Après ce temps, la fiche attend dans la file du médiateur.",
            "Impression",
            1,
            300,
        ),
        Setting(
            "detailed_events_months",
            13,
            int,
            "Durée de conservation du détail des visites (mois)",
            "Ensuite, seuls les totaux par jour restent. 13 mois par défaut : une année à "
            "comparer, et un mois pour le faire. 25 mois au plus : la durée que la CNIL admet "
            "pour les données de mesure d'audience (délibération n° 2020-091).",
            "Données",
            1,
            25,
        ),
        Setting(
            "stuck_step_seconds",
            240,
            int,
            "Temps sur une étape avant de proposer de l'aide (secondes)",
            "La borne propose une seule fois par étape d'appeler une personne.",
            "Aide",
            30,
            3600,
        ),
        Setting(
            "kiosk_name",
            "",
            str,
            "Nom de cette borne",
            "Il la distingue sur le bureau du médiateur et quand les totaux de plusieurs "
            "bornes sont réunis (« kiosk stats merge »). Par exemple « Rezé, médiathèque, "
            "borne 1 ». Vide : le bureau montre le nom de l'ordinateur, et un nom au hasard est "
            "choisi à la première exportation des statistiques.",
            "Données",
        ),
        Setting(
            "allow_unsigned_packs",
            False,
            bool,
            "Accepter les paquets de contenu non signés",
            "Seulement sur une borne d'essai. Sinon, la borne n'installe que les paquets "
            "signés par une clé de confiance (kiosk pack trust).",
            "Contenu",
        ),
        Setting(
            "verified_max_age_days",
            365,
            int,
            "Âge maximum de la date « vérifié le » d'un tutoriel (jours)",
            "Un tutoriel vérifié il y a plus longtemps est signalé à l'administrateur : "
            "la démarche a peut-être changé.",
            "Contenu",
            30,
            3650,
        ),
        Setting(
            "default_volume",
            5,
            int,
            "Volume de la voix au début de chaque visite (1 à 10)",
            "La personne peut le changer avec « Plus fort » et « Moins fort ». Il revient à "
            "cette valeur après chaque visite (EN 301 549, 5.1.3.13). Réglez le son de "
            "l'ordinateur pour qu'à ce niveau la voix ne dépasse pas 65 dBA, et l'atteigne au "
            "niveau 10 (5.1.3.12).",
            "Voix",
            1,
            10,
        ),
        Setting(
            "room_broker_host",
            "",
            str,
            "Adresse du serveur de la salle (MQTT)",
            "Le PC du bureau du médiateur, par exemple « 192.168.1.10 ». Vide : le kiosque "
            "fonctionne seul et le bureau ne le voit pas.",
            "Salle",
        ),
        Setting(
            "room_broker_port",
            1883,
            int,
            "Port du serveur de la salle",
            "1883 sans chiffrement, 8883 avec TLS (les ports de l'IANA pour MQTT).",
            "Salle",
            1,
            65535,
        ),
        Setting(
            "room_name",
            "salle",
            str,
            "Nom de la salle",
            "Les kiosques et le bureau d'une même salle ont le même nom, par exemple "
            "« accueil ». Seuls les lettres sans accent, les chiffres et le tiret comptent.",
            "Salle",
        ),
        Setting(
            "room_user",
            "",
            str,
            "Utilisateur de la salle sur le serveur",
            "Le nom donné avec mosquitto_passwd ; le même que le nom de la salle, en général.",
            "Salle",
        ),
        Setting(
            "room_password",
            "",
            str,
            "Mot de passe de la salle sur le serveur",
            "Celui donné avec mosquitto_passwd. Il n'est jamais affiché.",
            "Salle",
            secret=True,
        ),
        Setting(
            "room_tls_ca_file",
            "",
            str,
            "Certificat de l'autorité (TLS)",
            "Chemin d'un fichier PEM, par exemple /etc/pas-a-pas/salle-ca.crt. Vide : sans TLS.",
            "Salle",
        ),
    )
}
"""Every setting by key. Idle and countdown minimums follow WCAG 2.2 success criterion 2.2.1."""


def default_values() -> dict[str, Any]:
    return {key: s.default for key, s in SETTINGS.items()}


def by_group() -> list[tuple[str, list[Setting]]]:
    """The settings in the admin screen's order: groups as in GROUPS, settings as declared."""
    return [(group, [s for s in SETTINGS.values() if s.group == group]) for group in GROUPS]


SettingListener = Callable[[str, Any], None]
"""Called with (key, new value) after a setting changed."""
