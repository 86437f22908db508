from import_export import fields, resources, widgets

from portal.accounts.models import Opd


class OpdResource(resources.ModelResource):
    """OPD list import/export (CSV or XLSX): rows match on short name, the parent by short name."""

    parent = fields.Field(
        column_name="parent",
        attribute="parent",
        widget=widgets.ForeignKeyWidget(Opd, field="short_name"),
    )

    class Meta:
        model = Opd
        import_id_fields = ["short_name"]
        fields = ["name", "short_name", "kind", "parent", "is_active"]
        export_order = fields
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True
