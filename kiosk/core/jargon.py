"""Word lists of the plain-language check: administrative jargon, and the acronyms we know.

Kept apart from the rules so that content authors can add a word without reading the code.
A word that a tutorial has to teach (identifiant, mot de passe, numéro fiscal, attestation,
formulaire, pièce jointe…) is not jargon: it is explained once, and used the same way everywhere.

Where the words come from: the « Lexique administratif » of the COSLA (Comité d'orientation pour
la simplification du langage administratif, Ministère de la fonction publique, 2002; last edition
2004, Dictionnaires Le Robert), built from some 4,000 words found in real letters and forms, sorts
the words that trouble readers in three kinds: technical terms (recours gracieux, forclusion),
rare formal words (nonobstant, surseoir) and set phrases of letters (délai de rigueur, le cas
échéant). The terms below are of those kinds, with the examples of the public guides « Écrire
pour être lu » (Fédération Wallonie-Bruxelles, 2015) and « Mots en langage clair et simple »
(Agence du revenu du Canada). The plain words after each term are ours, not copied.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

# Endings of a regular verb that cannot be mistaken for a noun or an adjective: the
# infinitive, « vous » and « nous » forms, participles, future and imperfect. The present
# « je / il / ils » forms are left out (« adresse » is also the address); list them in
# ``forms`` when they are safe (« je sollicite »).
FIRST_GROUP_ENDINGS = ("er", "ez", "e", "ee", "es", "ees", "ons", "ant", "erez", "era",
                       "erons", "eront", "ait", "aient", "iez", "erait")  # fmt: skip
SECOND_GROUP_ENDINGS = ("ir", "issez", "i", "ie", "is", "ies", "issons", "issant", "irez",
                        "ira", "iront", "issait", "issaient", "it")  # fmt: skip


def verb_forms(infinitive: str) -> tuple[str, ...]:
    """The written forms of a regular verb of the 1st (-er) or 2nd (-ir, -issez) group.

    Accents are ignored when matching, so « sollicité » is « sollicite »; that is why the
    1st group's participle is written « e » here. Raises ValueError for another ending.
    """
    if infinitive.endswith("er"):
        stem, endings = infinitive[:-2], FIRST_GROUP_ENDINGS
    elif infinitive.endswith("ir"):
        stem, endings = infinitive[:-2], SECOND_GROUP_ENDINGS
    else:
        raise ValueError(f"not a regular -er or -ir verb: {infinitive}")
    return tuple(stem + ending for ending in endings)


@dataclass(frozen=True)
class JargonTerm:
    """An administrative word, the ways it is written, and the plain words to use instead.

    In ``forms``, each word also matches its plural (s or x), a final ``*`` matches any ending
    (``dématérialis*`` finds dématérialisé, dématérialisée, dématérialisation), ``…`` between
    two words lets up to two other words stand there (« vous êtes … tenu de »), and accents and
    capitals are ignored. ``verbs`` are regular verbs (infinitive), matched in every form
    ``verb_forms`` gives (« munissez-vous », « sollicité », « transmettrez »).
    """

    forms: tuple[str, ...]
    plain: str
    verbs: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.forms[0] if self.forms else self.verbs[0]

    @cached_property
    def all_forms(self) -> tuple[str, ...]:
        return self.forms + tuple(form for verb in self.verbs for form in verb_forms(verb))


def _term(forms: tuple[str, ...] | str, plain: str, verbs: tuple[str, ...] = ()) -> JargonTerm:
    return JargonTerm((forms,) if isinstance(forms, str) else forms, plain, verbs)


JARGON: tuple[JargonTerm, ...] = (
    # Papers and proofs
    _term(("justificatif", "justificative"), "un papier qui prouve… (une facture)"),
    _term("récépissé", "un reçu"),
    _term("attestation sur l'honneur", "un papier où vous écrivez que c'est vrai"),
    _term("cerfa", "formulaire"),
    _term(("ci-joint", "ci-jointe", "ci-inclus", "ci-incluse"), "avec ce message"),
    _term(
        ("susmentionné*", "susvisé*", "susdit*", "ledit", "ladite", "lesdits", "lesdites"),
        "ce ou cette",
    ),
    _term(("ci-après",), "plus loin"),
    _term(
        ("accusé de réception", "accuser réception", "accusons réception"),
        "la preuve que la lettre est arrivée",
    ),
    _term(("ampliation",), "une copie"),
    _term(("pli",), "une lettre"),
    _term(("convocation", "convoqué", "convoquée"), "une lettre qui vous demande de venir"),
    _term(("délivrance",), "la remise"),
    _term(("formalité",), "une démarche"),
    # Internet and accounts
    _term("dématérialis*", "sur internet"),
    _term("télédéclar*", "déclarer sur internet"),
    _term(("téléprocédure", "téléservice", "télétransmission"), "démarche sur internet"),
    _term(("authentification", "authentifier", "authentifiez"), "connexion ou se connecter"),
    _term("courriel", "e-mail"),
    _term(("adresse électronique", "messagerie électronique"), "adresse e-mail"),
    _term("lien hypertexte", "lien"),
    _term(("hameçonnage", "phishing"), "arnaque par un faux message"),
    _term(("saisir", "saisissez", "saisie"), "tapez"),
    _term(("renseignez", "renseigner le champ"), "écrivez"),
    _term(("habilitation", "habilité", "habilitée"), "autorisation ou a le droit de"),
    # People
    _term(("ayant droit", "ayants droit", "ayant-droit"), "une personne qui a droit à…"),
    _term("allocataire", "une personne qui reçoit une aide"),
    _term("bénéficiaire", "la personne qui reçoit"),
    _term(("usager",), "vous ou la personne"),
    _term(("administré", "administrée"), "l'habitant"),
    _term(("requérant", "requérante"), "la personne qui demande"),
    _term("mandataire", "la personne qui agit pour vous"),
    _term(("ressortissant", "ressortissante"), "une personne qui a la nationalité…"),
    _term(("interlocuteur", "interlocutrice"), "la personne à qui parler"),
    _term("redevable", "la personne qui doit payer"),
    _term(("assujetti", "assujettie"), "qui doit payer"),
    _term(("domicilié", "domiciliée", "domiciliation"), "qui habite à ou adresse"),
    _term(("sis", "sise"), "qui est à (une adresse)"),
    _term(("concubin", "concubine", "concubinage"), "la personne avec qui vous vivez"),
    _term(("ascendant", "descendant"), "parent ou enfant"),
    _term(("personne à charge", "personnes à charge"), "une personne que vous faites vivre"),
    _term(("dénommé", "dénommée"), "appelé"),
    # Money and rights
    _term("prestation", "une aide ou de l'argent versé"),
    _term("créance", "l'argent qu'on vous doit ou que vous devez"),
    _term("recouvrement", "faire payer ce qui est dû"),
    _term(("exonération", "exonéré", "exonérée"), "ne rien payer"),
    _term(("acquitter", "acquittez", "s'acquitter"), "payer"),
    _term("plafond de ressources", "limite de revenus"),
    _term("quotient familial", "un calcul selon vos revenus et votre famille"),
    _term("foyer fiscal", "les personnes qui déclarent leurs impôts ensemble"),
    _term(("ouverture de droits", "ouverture des droits"), "le début de l'aide"),
    _term(("ouvrant droit", "ouvre droit", "ouvrir droit", "ouvrent droit"), "qui donne droit"),
    _term("rétroacti*", "pour les mois passés"),
    _term(("résiliation", "résilier"), "arrêter le contrat"),
    _term(("éligible", "éligibilité", "inéligible"), "qui a droit, avoir droit"),
    _term(("prétendre à", "prétendez à", "pouvez prétendre"), "avoir droit à"),
    _term(("bénéficier",), "avoir droit à ou recevoir", verbs=("bénéficier",)),
    _term(("majoration", "majoré", "majorée"), "une somme en plus"),
    _term(("pénalité",), "une somme à payer en plus"),
    _term(("indu", "indus", "trop-perçu", "trop perçu"), "de l'argent reçu en trop"),
    _term(("arrérages",), "l'argent versé"),
    _term(("acompte",), "une partie payée d'avance"),
    _term(("échéancier",), "un calendrier pour payer"),
    _term(("mensualisation", "mensualité"), "un paiement chaque mois"),
    _term(("abattement",), "une somme retirée du calcul"),
    _term(("barème",), "le tableau de calcul"),
    _term(("exigible",), "à payer maintenant"),
    _term(("reliquat",), "le reste"),
    _term(("cotisation",), "l'argent versé chaque mois pour…"),
    _term(("indemnisation", "indemniser", "indemnisé", "indemnisée"), "payer pour réparer"),
    _term(("à titre gracieux",), "gratuitement"),
    _term(("à titre onéreux",), "en payant"),
    _term(("à titre provisoire", "à titre transitoire"), "pour le moment"),
    _term(("de plein droit",), "automatiquement"),
    _term(("prise en charge", "pris en charge", "prise en charges"), "payé par…"),
    # Time
    _term("échéance", "date limite"),
    _term(("à compter du", "à compter de", "à compter d'"), "à partir de"),
    _term(("préalable", "préalablement"), "avant"),
    _term("ultérieur*", "plus tard"),
    _term(("antérieur", "antérieure", "antérieurement"), "avant"),
    _term(("subséquent", "subséquente"), "qui suit"),
    _term("prorog*", "prolonger"),
    _term(("caduc", "caduque"), "qui n'est plus valable"),
    _term(("délai de rigueur",), "la date limite, sans retard possible"),
    _term(("dans les meilleurs délais", "dans les plus brefs délais"), "vite"),
    _term(("sans délai",), "tout de suite"),
    _term(("sous huitaine", "sous quinzaine", "sous quinze jours"), "dans les 8 ou 15 jours"),
    _term(("à l'issue de", "à l'issue du"), "à la fin de"),
    _term(("dans l'attente de", "dans l'attente du"), "en attendant"),
    _term(("à réception de", "à réception du", "dès réception"), "quand vous recevez"),
    _term(("à terme échu", "échu", "échue"), "à la fin de la période"),
    _term(("forclusion", "forclos"), "la date limite est passée"),
    _term(("sursis", "surseoir"), "attendre, repousser"),
    # Procedure
    _term(
        (
            "en cours d'instruction",
            "instruction du dossier",
            "instruire votre dossier",
            "instruire votre demande",
        ),
        "votre demande est étudiée",
    ),
    _term("contentieux", "désaccord avec l'administration"),
    _term(
        ("recours gracieux", "recours hiérarchique", "voies et délais de recours"),
        "demander de changer la décision",
    ),
    _term(
        ("mise en demeure", "mettre en demeure", "mis en demeure"),
        "une lettre qui vous oblige à agir",
    ),
    _term(("irrecevable", "recevable", "recevabilité"), "refusé ou accepté"),
    _term(("radiation", "radié", "radiée"), "retiré de la liste"),
    _term(("notifier", "notifié", "notifiée", "notification"), "prévenir"),
    _term(("solliciter", "je sollicite", "sollicite"), "demander", verbs=("solliciter",)),
    _term(("effectuer",), "faire", verbs=("effectuer",)),
    _term(("procéder à", "procédez à", "procède à", "procédé à", "procéderons à"), "faire"),
    _term(
        (
            "transmettre",
            "transmettez",
            "transmets",
            "transmet",
            "transmettons",
            "transmis",
            "transmise",
            "transmises",
            "transmettrez",
            "transmission",
        ),
        "envoyer",
    ),
    _term(("modalités",), "comment faire"),
    _term(("munir",), "prendre avec vous, apporter", verbs=("munir",)),
    _term(("fournir",), "donner ou apporter", verbs=("fournir",)),
    _term(("adressez", "adresser", "adressons", "adressée", "adressées"), "envoyer"),
    _term(("complétez", "compléter"), "remplir"),
    _term(("délivrer",), "donner ou faire", verbs=("délivrer",)),
    _term(
        (
            "percevoir",
            "percevez",
            "perçoit",
            "perçoivent",
            "perçu",
            "perçue",
            "perçus",
            "perçues",
            "percevrez",
        ),
        "recevoir",
    ),
    _term(("justifier", "justifiez", "justifiant"), "prouver"),
    _term(("attester", "attestez", "atteste", "attesté", "attestée"), "prouver"),
    _term(("statuer", "statuera", "statuerons"), "décider"),
    _term(("diligenter",), "faire faire vite", verbs=("diligenter",)),
    _term(("réceptionner",), "recevoir", verbs=("réceptionner",)),
    _term(("acheminer", "acheminement"), "envoyer", verbs=("acheminer",)),
    _term(("octroyer", "octroi", "octroie"), "donner", verbs=("octroyer",)),
    _term(("allouer", "alloue"), "donner", verbs=("allouer",)),
    _term(("requérir", "requis", "requise", "requises"), "demander ou nécessaire"),
    _term(("stipuler", "stipule"), "dire", verbs=("stipuler",)),
    _term(("aviser",), "prévenir", verbs=("aviser",)),
    _term(("émarger", "émargement"), "signer", verbs=("émarger",)),
    _term(("régulariser", "régularisation"), "mettre en règle", verbs=("régulariser",)),
    _term(("rectifier", "rectificatif", "rectification"), "corriger", verbs=("rectifier",)),
    _term(
        ("mandater", "mandat"), "donner à quelqu'un le droit d'agir pour vous", verbs=("mandater",)
    ),
    _term(("dispenser", "dispense"), "ne pas obliger", verbs=("dispenser",)),
    _term(("encourir", "encourez", "encouru", "encourue", "encourt", "passible"), "risquer"),
    _term(("se prévaloir", "vous prévaloir", "faire valoir"), "utiliser ou demander"),
    _term(("obtempérer",), "obéir", verbs=("obtempérer",)),
    # Set phrases of official letters
    _term(("le cas échéant",), "si c'est le cas"),
    _term(("en tant que de besoin",), "si besoin"),
    _term(("à défaut de", "à défaut d'", "à défaut,"), "sinon"),
    _term(("veuillez",), "merci de"),
    _term(("je vous prie de", "nous vous prions de"), "merci de"),
    _term(("vous saurais gré", "vous saurions gré"), "merci de"),
    _term(("il vous appartient de", "il vous appartient d'"), "vous devez"),
    _term(("il convient de", "il convient d'"), "il faut"),
    _term(
        (
            "vous êtes … tenu de",
            "vous êtes … tenue de",
            "vous êtes … tenu d'",
            "êtes tenu",
            "êtes tenue",
        ),
        "vous devez",
    ),
    _term(
        ("vous êtes invité à", "vous êtes invitée à", "je vous invite à", "nous vous invitons à"),
        "merci de ou vous pouvez",
    ),
    _term(
        ("nous vous informons", "je vous informe", "nous vous précisons"),
        "(commencez par l'information)",
    ),
    _term(
        ("faire parvenir", "faites parvenir", "faites-nous parvenir", "fassiez parvenir"), "envoyer"
    ),
    _term(("susceptible de", "susceptibles de", "susceptible d'"), "peut"),
    _term(("sous réserve de", "sous réserve d'", "sous réserve que"), "si"),
    _term(("à l'appui de", "à l'appui du"), "avec, pour prouver"),
    _term(("aux fins de", "à l'effet de", "aux fins d'"), "pour"),
    _term(("en l'état",), "pour le moment"),
    _term(("en l'absence de", "en l'absence d'"), "sans"),
    _term(("par voie de", "par la voie de"), "par"),
    _term(("par le biais de", "par le biais du", "au moyen de", "au moyen d'"), "par ou avec"),
    _term(("en application de", "en application du", "en vertu de", "en vertu du"), "selon"),
    _term(("eu égard à", "eu égard au"), "vu"),
    _term(("compte tenu de", "compte tenu du"), "vu ou à cause de"),
    _term(("s'agissant de", "s'agissant du"), "pour"),
    _term(("relatif à", "relative à", "relatifs à", "relatives à", "relatif au"), "sur"),
    _term(("auprès de", "auprès du", "auprès des", "auprès d'"), "à ou chez"),
    _term(("dès lors que", "dès lors qu'"), "si ou quand"),
    _term(("en sus",), "en plus"),
    _term(("toutefois", "néanmoins"), "mais"),
    _term(("afférent", "afférente", "y afférent"), "qui va avec"),
    _term(("afin de", "afin d'", "afin que", "afin qu'"), "pour"),
    _term("dans le cadre de", "pour ou pendant"),
    _term(("au titre de", "au titre du", "au titre des"), "pour"),
    _term(("conformément à", "conformément au", "conformément aux"), "comme le dit"),
    _term("en vigueur", "qui s'applique aujourd'hui"),
    _term("nonobstant", "malgré"),
    _term("dûment", "bien"),
    _term("idoine", "qui convient"),
    _term("subsidiaire*", "en plus ou à la place"),
)

# Acronyms of French public services: each must be explained the first time a tutorial uses
# it. The meaning here is only a suggestion for the author's explanation.
KNOWN_ACRONYMS: dict[str, str] = {
    "AAH": "allocation aux adultes handicapés",
    "AME": "aide médicale de l'État",
    "ANTAI": "l'agence qui traite les amendes",
    "ANTS": "l'agence qui fait les cartes d'identité, passeports et permis",
    "APL": "aide pour payer le loyer",
    "ARE": "allocation chômage",
    "ARS": "agence régionale de santé",
    "ASPA": "minimum vieillesse",
    "CAF": "caisse d'allocations familiales",
    "CARSAT": "caisse de retraite",
    "CCAS": "centre communal d'action sociale, le service social de la mairie",
    "CESU": "chèque emploi service",
    "CMU": "ancienne couverture maladie universelle",
    "CNAV": "caisse nationale d'assurance vieillesse, la retraite",
    "CNI": "carte nationale d'identité",
    "CPAM": "caisse primaire d'assurance maladie",
    "CSS": "complémentaire santé solidaire",
    "DGFIP": "l'administration des impôts",
    "FAQ": "questions fréquentes",
    "IBAN": "le numéro de votre compte en banque",
    "MDPH": "maison départementale des personnes handicapées",
    "MSA": "la sécurité sociale des agriculteurs",
    "NIR": "numéro de sécurité sociale",
    "PACS": "pacte civil de solidarité",
    "PDF": "un document prêt à imprimer",
    "PMI": "protection maternelle et infantile",
    "RIB": "relevé d'identité bancaire, le papier avec le numéro de votre compte",
    "RSA": "revenu de solidarité active",
    "SIRET": "numéro d'une entreprise",
    "TVA": "taxe sur les achats",
    "URL": "adresse d'un site",
    "URSSAF": "l'organisme qui collecte les cotisations sociales",
}

# Acronyms that everybody says and reads as words: never reported.
COMMON_ACRONYMS: frozenset[str] = frozenset({"SMS", "USB", "OK", "TV", "GPS", "PIN", "CV", "SNCF"})
