"""The layers of the project, lowest first, as module-name prefixes (the longest prefix wins).

Imports point down only: a module may import its own layer's code and the layers below it.
The README's "Layout" section draws the same table.
"""

LAYERS = (
    ("foundation", ("portal.accounts", "portal.audit", "portal.notices", "portal.refusals", "portal.cache")),
    ("catalogue", ("portal.catalogue", "portal.events")),
    ("records", ("inovasi",)),
    ("scoring", ("scoring",)),
    (
        "pages",
        (
            "inovasi.views",
            "inovasi.mentoring",
            "inovasi.exports",
            "inovasi.public",
            "portal.dashboard",
            "portal.events.views",
            "portal.events.admin",
            "portal.events.materials",  # it checks uploads with the records' checker
            "portal.awards",
        ),
    ),
    ("demo", ("portal.demo",)),
)

# The project's shell: settings, URLs, the Celery app, middleware and the navigation may import
# anything, and nothing below imports them.
SHELL = (
    "portal.settings",
    "portal.urls",
    "portal.celery",
    "portal.wsgi",
    "portal.views",
    "portal.middleware",
    "portal.context_processors",
    "portal.navigation",
    "inovasi.urls",
    "inovasi.exports.urls",
    "scoring.urls",
    "portal.notices.urls",
    "portal.events.urls",
)


def layer_of(module):
    """(index, name) of the module's layer, the longest matching prefix deciding; None for the shell."""
    if module in ("portal", "inovasi", "scoring") or any(_within(module, shell) for shell in SHELL):
        return None
    matches = [
        (len(prefix), index, name)
        for index, (name, prefixes) in enumerate(LAYERS)
        for prefix in prefixes
        if _within(module, prefix)
    ]
    if not matches:
        raise KeyError(f"{module} is in no layer: add it to LAYERS")
    _length, index, name = max(matches)
    return index, name


def component_of(module):
    """The app or sub-app a module belongs to: its longest matching prefix (None for the shell)."""
    if layer_of(module) is None:
        return None
    prefixes = [prefix for _name, group in LAYERS for prefix in group if _within(module, prefix)]
    return max(prefixes, key=len) if prefixes else None


def _within(module, prefix):
    return module == prefix or module.startswith(prefix + ".")
