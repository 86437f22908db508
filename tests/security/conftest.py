"""The URL sweep's `world` fixture: one record of every kind, owned by OPD A."""

from tests.portal.test_url_access import world  # noqa: F401
