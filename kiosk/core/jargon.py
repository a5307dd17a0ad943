"""Word lists of the plain-language check: administrative jargon, and the acronyms we know.

Kept apart from the rules so that content authors can add a word without reading the code.
A word that a tutorial has to teach (identifiant, mot de passe, numéro fiscal, attestation,
formulaire, pièce jointe…) is not jargon: it is explained once, and used the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class JargonTerm:
    """An administrative word, the ways it is written, and the plain words to use instead.

    In ``forms``, each word also matches its plural (s or x), a final ``*`` matches any ending
    (``dématérialis*`` finds dématérialisé, dématérialisée, dématérialisation), and accents and
    capitals are ignored.
    """

    forms: tuple[str, ...]
    plain: str

    @property
    def key(self) -> str:
        return self.forms[0]


JARGON: tuple[JargonTerm, ...] = (
    # Papers and proofs
    JargonTerm(("justificatif", "justificative"), "un papier qui prouve… (une facture)"),
    JargonTerm(("récépissé",), "un reçu"),
    JargonTerm(("attestation sur l'honneur",), "un papier où vous écrivez que c'est vrai"),
    JargonTerm(("cerfa",), "formulaire"),
    JargonTerm(("ci-joint", "ci-jointe"), "avec ce message"),
    JargonTerm(("susmentionné*", "susvisé*", "ledit", "ladite", "lesdits"), "ce ou cette"),
    # Internet and accounts
    JargonTerm(("dématérialis*",), "sur internet"),
    JargonTerm(("télédéclar*",), "déclarer sur internet"),
    JargonTerm(("téléprocédure", "téléservice"), "démarche sur internet"),
    JargonTerm(("authentification", "authentifier", "authentifiez"), "connexion ou se connecter"),
    JargonTerm(("courriel",), "e-mail"),
    JargonTerm(("adresse électronique", "messagerie électronique"), "adresse e-mail"),
    JargonTerm(("lien hypertexte",), "lien"),
    JargonTerm(("hameçonnage", "phishing"), "arnaque par un faux message"),
    JargonTerm(("saisir", "saisissez", "saisie"), "tapez"),
    JargonTerm(("renseignez", "renseigner le champ"), "écrivez"),
    JargonTerm(("habilitation", "habilité", "habilitée"), "autorisation ou a le droit de"),
    # People
    JargonTerm(("ayant droit", "ayants droit", "ayant-droit"), "une personne qui a droit à…"),
    JargonTerm(("allocataire",), "une personne qui reçoit une aide"),
    JargonTerm(("bénéficiaire",), "la personne qui reçoit"),
    JargonTerm(("usager",), "vous ou la personne"),
    JargonTerm(("mandataire",), "la personne qui agit pour vous"),
    JargonTerm(("ressortissant", "ressortissante"), "une personne qui a la nationalité…"),
    JargonTerm(("interlocuteur", "interlocutrice"), "la personne à qui parler"),
    JargonTerm(("redevable",), "la personne qui doit payer"),
    JargonTerm(("assujetti", "assujettie"), "qui doit payer"),
    JargonTerm(("domicilié", "domiciliée", "domiciliation"), "qui habite à ou adresse"),
    # Money and rights
    JargonTerm(("prestation",), "une aide ou de l'argent versé"),
    JargonTerm(("créance",), "l'argent qu'on vous doit ou que vous devez"),
    JargonTerm(("recouvrement",), "faire payer ce qui est dû"),
    JargonTerm(("exonération", "exonéré", "exonérée"), "ne rien payer"),
    JargonTerm(("acquitter", "acquittez", "s'acquitter"), "payer"),
    JargonTerm(("plafond de ressources",), "limite de revenus"),
    JargonTerm(("quotient familial",), "un calcul selon vos revenus et votre famille"),
    JargonTerm(("foyer fiscal",), "les personnes qui déclarent leurs impôts ensemble"),
    JargonTerm(("ouverture de droits", "ouverture des droits"), "le début de l'aide"),
    JargonTerm(("rétroacti*",), "pour les mois passés"),
    JargonTerm(("résiliation", "résilier"), "arrêter le contrat"),
    # Time
    JargonTerm(("échéance",), "date limite"),
    JargonTerm(("à compter du", "à compter de"), "à partir de"),
    JargonTerm(("préalable", "préalablement"), "avant"),
    JargonTerm(("ultérieur*",), "plus tard"),
    JargonTerm(("prorog*",), "prolonger"),
    JargonTerm(("caduc", "caduque"), "qui n'est plus valable"),
    # Procedure
    JargonTerm(("en cours d'instruction", "instruction du dossier"), "votre demande est étudiée"),
    JargonTerm(("contentieux",), "désaccord avec l'administration"),
    JargonTerm(("recours gracieux",), "demander de changer la décision"),
    JargonTerm(("notifier", "notifié", "notifiée"), "prévenir"),
    JargonTerm(("solliciter", "sollicitez", "sollicité"), "demander"),
    JargonTerm(("effectuer", "effectuez"), "faire"),
    JargonTerm(("procéder à", "procédez à"), "faire"),
    JargonTerm(("transmettre", "transmettez"), "envoyer"),
    JargonTerm(("modalités",), "comment faire"),
    # Linking words of official letters
    JargonTerm(("afférent", "afférente"), "qui va avec"),
    JargonTerm(("afin de",), "pour"),
    JargonTerm(("dans le cadre de",), "pour ou pendant"),
    JargonTerm(("au titre de",), "pour"),
    JargonTerm(("conformément à", "conformément au"), "comme le dit"),
    JargonTerm(("en vigueur",), "qui s'applique aujourd'hui"),
    JargonTerm(("nonobstant",), "malgré"),
    JargonTerm(("dûment",), "bien"),
    JargonTerm(("idoine",), "qui convient"),
    JargonTerm(("subsidiaire*",), "en plus ou à la place"),
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
