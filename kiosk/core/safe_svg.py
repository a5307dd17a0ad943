"""SVG drawings that cannot make the kiosk read anything else, nor run anything.

Qt's SVG renderer follows ``<image href="file:…">`` and CSS ``url(…)``: a drawing could make the
kiosk open a file outside the pack (/etc/hostname) or a network address. The SVG is parsed with
defusedxml (the Python documentation's advice for untrusted XML, "XML vulnerabilities"), which
refuses DTDs, entities (billion laughs, external entities) and external references; then only
static drawing elements are accepted (shapes, text, gradients, clipping and grouping),
every reference must point inside the drawing (``#id``), and no attribute may hold a script
(``on…``). Hidden characters are refused in its texts as in the pack's (safe_text).
"""

from __future__ import annotations

import re

from kiosk.core.pack_limits import MAX_SVG_ELEMENTS
from kiosk.core.safe_text import character_problem, shown

SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
DRAWING_ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "title", "desc", "metadata", "symbol", "use", "rect", "circle",
        "ellipse", "line", "polyline", "polygon", "path", "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "clipPath", "mask", "marker", "pattern",
    }
)  # fmt: skip
_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
_PROCESSING_INSTRUCTION = re.compile(rb"<\?(?!xml[\s?])")


def svg_problem(data: bytes) -> str | None:
    """What is unsafe or broken in the SVG ``data``, as a French sentence; None when it is fine.

    defusedxml is imported here: pack validation never runs at the kiosk's start.
    """
    from xml.etree.ElementTree import ParseError

    import defusedxml
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DTDForbidden:
        return "le dessin SVG contient une déclaration <!DOCTYPE>. Retirez-la."
    except (defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden):
        return "le dessin SVG déclare des entités. Retirez-les."
    except (ParseError, defusedxml.DefusedXmlException, ValueError) as error:
        return f"le dessin SVG est mal écrit ({shown(str(error))})."
    if _PROCESSING_INSTRUCTION.search(data):
        return "le dessin SVG contient une instruction « <? … ?> ». Retirez-la."
    if root.tag != f"{SVG_NAMESPACE}svg":
        return "ce n'est pas un dessin SVG (la première balise doit être <svg> de SVG)."
    for count, element in enumerate(root.iter(), start=1):
        if count > MAX_SVG_ELEMENTS:
            return f"le dessin SVG a plus de {MAX_SVG_ELEMENTS} éléments. Simplifiez-le."
        problem = _element_problem(element.tag, element.attrib, element.text, element.tail)
        if problem:
            return problem
    return None


def _element_problem(
    tag: str, attributes: dict[str, str], text: str | None, tail: str | None
) -> str | None:
    if not isinstance(tag, str):
        return None
    name = tag.removeprefix(SVG_NAMESPACE)
    if tag.startswith(SVG_NAMESPACE) and name not in DRAWING_ELEMENTS:
        return (
            f"le dessin SVG contient une balise <{shown(name)}> (script, image, style ou "
            "contenu externe), refusée. Gardez seulement des formes et du texte."
        )
    for attribute, value in attributes.items():
        local = attribute.rsplit("}", 1)[-1]
        if local.lower().startswith("on"):
            return f"le dessin SVG contient un script (attribut « {shown(local)} »). Retirez-le."
        if local == "href" and not value.startswith("#"):
            return (
                f"le dessin SVG renvoie à « {shown(value)} », hors du dessin. "
                "Seuls les renvois internes (#nom) sont permis."
            )
        if ("(" in value or "@" in value) and (
            "@import" in value or any(not url.startswith("#") for url in _URL.findall(value))
        ):
            return (
                f"le dessin SVG renvoie à une adresse hors du dessin (« {shown(value)} »). "
                "Seuls les renvois internes (url(#nom)) sont permis."
            )
    problem = character_problem("".join((*attributes.values(), text or "", tail or "")))
    return f"dans le dessin SVG, {problem}" if problem else None
