"""SVG drawings that cannot make the kiosk read anything else, nor run anything.

Qt's SVG renderer follows ``<image href="file:…">`` and CSS ``url(…)``: a drawing could make the
kiosk open a file outside the pack (/etc/hostname) or a network address. The SVG is parsed with
defusedxml (the Python documentation's advice for untrusted XML, "XML vulnerabilities"), which
refuses DTDs, entities (billion laughs, external entities) and external references. Its parts
are checked as the parser meets them, without building a tree, and the first problem stops
it: only static drawing elements (shapes, text, gradients, clipping and grouping), every
reference inside the drawing (``#id``), no script attribute (``on…``), no processing
instruction, a bounded number of elements, and no hidden characters (safe_text).
"""

from __future__ import annotations

import re
from typing import Any

from kiosk.core.pack_limits import MAX_PACK_SVG_ELEMENTS, MAX_SVG_ELEMENTS
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


class ElementBudget:
    """How many more SVG elements the drawings of one pack may hold (MAX_PACK_SVG_ELEMENTS)."""

    def __init__(self, left: int = MAX_PACK_SVG_ELEMENTS) -> None:
        self.left = left


class _RefusedError(Exception):
    """Stops the parser at the first problem; the message is a French sentence."""


class _Drawing:
    """The parser's target: receives each element, text and instruction as it is read."""

    def __init__(self, budget: ElementBudget) -> None:
        self.budget = budget
        self.elements = 0
        self.safe_tags: set[str] = set()
        self.safe_names: set[str] = set()

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        self.elements += 1
        if self.elements > MAX_SVG_ELEMENTS:
            raise _RefusedError(
                f"le dessin SVG a plus de {MAX_SVG_ELEMENTS} éléments. Simplifiez-le."
            )
        if self.elements > self.budget.left:
            raise _RefusedError(
                f"les dessins du paquet ont plus de {MAX_PACK_SVG_ELEMENTS} éléments en tout. "
                "Simplifiez-les."
            )
        if self.elements == 1 and tag != f"{SVG_NAMESPACE}svg":
            raise _RefusedError("ce n'est pas un dessin SVG (la première balise doit être <svg>).")
        if tag not in self.safe_tags:
            name = tag.removeprefix(SVG_NAMESPACE)
            if tag.startswith(SVG_NAMESPACE) and name not in DRAWING_ELEMENTS:
                raise _RefusedError(
                    f"le dessin SVG contient une balise <{shown(name)}> (script, image, style "
                    "ou contenu externe), refusée. Gardez seulement des formes et du texte."
                )
            self.safe_tags.add(tag)
        for attribute, value in attributes.items():
            if attribute not in self.safe_names:
                local = attribute.rsplit("}", 1)[-1]
                if local.lower().startswith("on"):
                    raise _RefusedError(
                        f"le dessin SVG contient un script (attribut « {shown(local)} »). "
                        "Retirez-le."
                    )
                if local != "href":
                    self.safe_names.add(attribute)
                elif not value.startswith("#"):
                    raise _RefusedError(
                        f"le dessin SVG renvoie à « {shown(value)} », hors du dessin. "
                        "Seuls les renvois internes (#nom) sont permis."
                    )
            if ("(" in value or "@" in value) and (
                "@import" in value or any(not url.startswith("#") for url in _URL.findall(value))
            ):
                raise _RefusedError(
                    f"le dessin SVG renvoie à une adresse hors du dessin (« {shown(value)} »). "
                    "Seuls les renvois internes (url(#nom)) sont permis."
                )
        self.data("".join(attributes.values()))

    def data(self, text: str) -> None:
        problem = character_problem(text)
        if problem:
            raise _RefusedError(f"dans le dessin SVG, {problem}")

    def end(self, tag: str) -> None:
        pass

    def pi(self, target: str, data: str) -> None:
        raise _RefusedError("le dessin SVG contient une instruction « <? … ?> ». Retirez-la.")

    def close(self) -> None:
        if self.elements == 0:
            raise _RefusedError("ce n'est pas un dessin SVG.")
        self.budget.left -= self.elements


def svg_problem(data: bytes, budget: ElementBudget | None = None) -> str | None:
    """What is unsafe or broken in the SVG ``data``, as a French sentence; None when it is fine.

    ``budget`` is shared by the drawings of one pack and spent here. defusedxml is imported
    here: pack validation never runs at the kiosk's start.
    """
    from xml.etree.ElementTree import ParseError

    import defusedxml
    from defusedxml.ElementTree import DefusedXMLParser

    target: Any = _Drawing(budget or ElementBudget())
    parser = DefusedXMLParser(
        target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(data)
        parser.close()
    except _RefusedError as refusal:
        return str(refusal)
    except defusedxml.DTDForbidden:
        return "le dessin SVG contient une déclaration <!DOCTYPE>. Retirez-la."
    except (defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden):
        return "le dessin SVG déclare des entités. Retirez-les."
    except (ParseError, defusedxml.DefusedXmlException, ValueError) as error:
        return f"le dessin SVG est mal écrit ({shown(str(error))})."
    return None
