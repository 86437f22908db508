import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inovasi.models import Inovasi
from portal.accounts.models import Bidang, Opd
from portal.catalogue.models import Period, ReferenceOption, Urusan

NARRATIVE_FIELDS = ["name", *Inovasi.RANCANG_BANGUN_FIELDS, "tujuan", "manfaat", "hasil"]


def _options(kind):
    return ReferenceOption.objects.filter(kind=kind, is_active=True)


class InovasiFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    period = django_filters.ModelChoiceFilter(label=_("Period"), queryset=Period.objects.all())
    opd = django_filters.ModelChoiceFilter(label=_("OPD"), queryset=Opd.objects.filter(is_active=True))
    bidang = django_filters.ModelChoiceFilter(label=_("Bidang"), queryset=Bidang.objects.select_related("opd"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Inovasi.Status.choices)
    tahapan = django_filters.ModelChoiceFilter(label=_("Stage"), queryset=_options(ReferenceOption.Kind.TAHAPAN))
    jenis = django_filters.ModelChoiceFilter(label=_("Type"), queryset=_options(ReferenceOption.Kind.JENIS))
    inisiator = django_filters.ModelChoiceFilter(
        label=_("Initiator"), queryset=_options(ReferenceOption.Kind.INISIATOR)
    )
    urusan = django_filters.ModelChoiceFilter(label=_("Urusan"), queryset=Urusan.objects.all(), method="by_urusan")
    completeness_min = django_filters.NumberFilter(
        label=_("Completeness at least (%)"), field_name="completeness", lookup_expr="gte"
    )
    completeness_max = django_filters.NumberFilter(
        label=_("Completeness at most (%)"), field_name="completeness", lookup_expr="lte"
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=[("name", "name"), ("opd__name", "opd"), ("completeness", "completeness"), ("updated_at", "updated")],
        field_labels={
            "name": _("Name"),
            "opd__name": _("OPD"),
            "completeness": _("Completeness"),
            "updated_at": _("Last change"),
        },
    )

    class Meta:
        model = Inovasi
        fields = []

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        if not access.sees_all_opds:
            # An operator's list is their own OPD already; these choices would only leak names.
            for name in ("opd", "bidang"):
                self.filters[name].queryset = self.filters[name].queryset.filter(
                    **({"pk__in": access.opd_ids} if name == "opd" else {"opd_id__in": access.opd_ids})
                )

    def search(self, queryset, name, value):
        condition = Q()
        for field in NARRATIVE_FIELDS:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)

    def by_urusan(self, queryset, name, value):
        return queryset.filter(Q(urusan_utama=value) | Q(urusan_lain=value)).distinct()


class CatalogueFilter(django_filters.FilterSet):
    """The public catalogue's search: only public fields, only OPDs that opted in."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    period = django_filters.ModelChoiceFilter(label=_("Period"), queryset=Period.objects.all())
    opd = django_filters.ModelChoiceFilter(
        label=_("OPD"), queryset=Opd.objects.filter(is_active=True, public_catalogue=True)
    )
    urusan = django_filters.ModelChoiceFilter(label=_("Urusan"), queryset=Urusan.objects.all(), method="by_urusan")
    tahapan = django_filters.ModelChoiceFilter(label=_("Stage"), queryset=_options(ReferenceOption.Kind.TAHAPAN))
    jenis = django_filters.ModelChoiceFilter(label=_("Type"), queryset=_options(ReferenceOption.Kind.JENIS))

    class Meta:
        model = Inovasi
        fields = []

    def search(self, queryset, name, value):
        condition = Q()
        for field in ("name", "tujuan", "manfaat", "hasil"):
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)

    def by_urusan(self, queryset, name, value):
        return queryset.filter(Q(urusan_utama=value) | Q(urusan_lain=value)).distinct()


def list_filter(request, access, base=None):
    """The list's filters on what the user may read (the current period unless one is chosen)."""
    data = request.GET.copy()
    if "period" not in data and (period := Period.objects.current()):
        data["period"] = str(period.pk)
    base = Inovasi.objects.visible_to(access) if base is None else base
    return data, InovasiFilter(data, queryset=base, access=access)
