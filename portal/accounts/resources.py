from import_export import fields, resources, widgets

from portal.accounts.models import Opd
from portal.audit.log import changed_fields, record, snapshot


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

    def before_save_instance(self, instance, row, **kwargs):
        stored = Opd.objects.filter(pk=instance.pk).first() if instance.pk else None
        self._before = snapshot(stored)

    def after_save_instance(self, instance, row, **kwargs):
        # Runs inside the import transaction, so a dry run (the preview) leaves no entry.
        before, after = changed_fields(self._before, snapshot(instance))
        action = "import_update" if self._before else "import_create"
        record(action, actor=kwargs.get("user"), obj=instance, before=before, after=after)
