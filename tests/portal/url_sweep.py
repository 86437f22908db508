"""Every named URL of the project, walked from the root URLconf."""

from django.urls import URLPattern, URLResolver, get_resolver


def named_urls(patterns=None, namespace=None):
    """Yield (name, route) for every URL pattern; an unnamed pattern yields name None."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            if inner:
                inner = f"{namespace}:{inner}" if namespace else inner
            yield from named_urls(pattern.url_patterns, inner or namespace)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, str(pattern.pattern)
