"""Reading what a rendered page prints, as a person reads it."""

import re


def figure(page, name):
    """The text of the element marked `data-figure="name"` (None when the page has none)."""
    found = re.search(rf'data-figure="{name}">([^<]*)<', page)
    return found.group(1).strip() if found else None


def card(page, indicator):
    """The HTML of the indicator's card on an indicators page (None when the page has none)."""
    pattern = rf'<section class="card mb-3 indicator-card" id="indikator-{indicator.pk}".*?</section>'
    found = re.search(pattern, page, re.S)
    return found.group(0) if found else None


def card_message(page, indicator):
    """The text of the message shown inside the indicator's card (None when it shows none)."""
    found = re.search(r"data-card-message>([^<]*)<", card(page, indicator) or "")
    return found.group(1).strip() if found else None
