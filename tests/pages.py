"""Reading what a rendered page prints, as a person reads it."""

import re


def figure(page, name):
    """The text of the element marked `data-figure="name"` (None when the page has none)."""
    found = re.search(rf'data-figure="{name}">([^<]*)<', page)
    return found.group(1).strip() if found else None
