"""The piagam (certificate) of an award's winner: HTML rendered by WeasyPrint into a one-page PDF."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from portal.awards.models import Category


def html(result):
    with translation.override("id"):  # a certificate of Kota Kediri is in Indonesian
        return render_to_string(
            "awards/piagam.html",
            {"result": result, "award": result.award, "category": Category(result.category).label},
        )


def render(result):
    from weasyprint import CSS, HTML  # heavy: loaded only when a PDF is made

    stylesheet = CSS(filename=finders.find("awards/piagam.css"))
    return HTML(string=html(result)).write_pdf(stylesheets=[stylesheet])
