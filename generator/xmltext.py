"""Characters XML 1.0 forbids (C0 controls but tab, LF and CR; lone surrogates; U+FFFE/U+FFFF).

SVG is XML: one of them in a chart label makes the renderer abort the whole process, and HTML
forbids them too. Outside text (model and company names, contributors' words) has them replaced
by U+FFFD wherever it lands. A module of its own, with nothing heavy, so that the render worker
processes (charts/draw.py) and the text formats (fmt.py) share it.
"""

from __future__ import annotations

import re

XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return XML_INVALID.sub("\ufffd", text)


def xml_safe(value: object) -> object:
    """Every string in a JSON-like value (e.g. a Vega-Lite spec) with XML-forbidden characters
    replaced by U+FFFD, so outside text can land in SVG."""
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [xml_safe(item) for item in value]
    return value
