"""Deterministic synthetic data for benchmarks: OPDs, innovations, answers, evidence in one period.

Rows are made by INSERT … SELECT over generate_series, so the national-size set (36,742
innovations × 20 indicators) loads in seconds. PostgreSQL only. Levels, verdicts and missing
evidence follow fixed arithmetic on the row ids: every run produces the same data.
"""

from dataclasses import dataclass

from django.db import connection, models, transaction

from inovasi.models import Answer, Evidence, Inovasi
from portal.accounts.models import Bidang, Membership, Opd, Role, User
from portal.catalogue.models import Period, Urusan

CITY = {"opds": 90, "innovations": 150}
NATIONAL = {"opds": 546, "innovations": 36_742}

# Status by (innovation number mod 20): mostly approved, some in every other state.
STATUS_CYCLE = (
    ["draft"] * 2
    + ["diajukan"] * 3
    + ["direviu"] * 2
    + ["dikembalikan"]
    + ["disetujui"] * 8
    + ["ditolak"]
    + ["siap_kirim"] * 2
    + ["dikirim"]
)


@dataclass(frozen=True)
class Generated:
    period: Period
    reviewer: User
    innovations: int
    answers: int
    evidence: int


def generate(period, *, opds, innovations):
    """Fill `period` with `innovations` spread over `opds` new OPDs (2 bidang each)."""
    with transaction.atomic():
        user, reviewer = _people()
        opd_ids = _units(opds)
        _innovations(period, opd_ids, user, innovations)
        _answers(period)
        _evidence(period, user)
        _spd(period, user)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    alive = Inovasi.objects.filter(period=period)
    answers = Answer.objects.filter(indicator__period=period)
    return Generated(
        period, reviewer, alive.count(), answers.count(), Evidence.objects.filter(answer__in=answers).count()
    )


def _people():
    user, _created = User.objects.get_or_create(username="bench", defaults={"email": "bench@example.test"})
    reviewer, _created = User.objects.get_or_create(
        username="bench-reviewer", defaults={"email": "reviewer@example.test"}
    )
    Membership.objects.get_or_create(user=reviewer, role=Role.PENDAMPING)
    return user, reviewer


def _units(count):
    made = Opd.objects.bulk_create(
        Opd(name=f"OPD Uji Beban {n:04d}", short_name=f"UB{n:04d}", kind=Opd.Kind.DINAS) for n in range(count)
    )
    Bidang.objects.bulk_create(Bidang(opd=opd, name=f"Bidang {b}") for opd in made for b in (1, 2))
    return [opd.pk for opd in made]


def _columns(model, given):
    """Every column of `model` with the SQL expression to fill it: `given` first, then safe defaults."""
    names, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        names.append(connection.ops.quote_name(field.column))
        values.append(given.get(field.name) or given.get(field.column) or _default(field))
    return ", ".join(names), ", ".join(values)


def _insert(model, given, source, parameter):
    """INSERT INTO model's table SELECT <given or default per column> <source>: one statement."""
    columns, values = _columns(model, given)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {model._meta.db_table} ({columns}) SELECT {values} {source}", [parameter])


def _default(field):
    if field.null:
        return "NULL"
    if isinstance(field, models.BooleanField):
        return "false"
    if isinstance(field, models.DateTimeField):
        return "now()"
    if isinstance(field, models.IntegerField | models.DecimalField):
        return "0"
    return "''"


def _array(values, quoted=False):
    items = ", ".join(f"'{value}'" if quoted else str(value) for value in values)
    return f"ARRAY[{items}]"


def _innovations(period, opd_ids, user, count):
    urusan = list(Urusan.objects.order_by("order", "id").values_list("pk", flat=True))
    bidang = dict(Bidang.objects.filter(opd_id__in=opd_ids, name="Bidang 1").values_list("opd_id", "pk"))
    given = {
        "name": "'Inovasi uji ' || g",
        "period": str(period.pk),
        "opd": f"({_array(opd_ids)})[1 + mod(g, {len(opd_ids)})]",
        "bidang": f"({_array([bidang[pk] for pk in opd_ids])})[1 + mod(g, {len(opd_ids)})]",
        "urusan_utama": f"({_array(urusan)})[1 + mod(g, {len(urusan)})]",
        "status": f"({_array(STATUS_CYCLE, quoted=True)})[1 + mod(g, {len(STATUS_CYCLE)})]",
        "created_by": str(user.pk),
        "completeness": "100",
    }
    _insert(Inovasi, given, "FROM generate_series(1, %s) AS g", count)


def _answers(period):
    """Every SID indicator answered; approved-or-later innovations carry verdicts, some lowered."""
    approved = _array(["disetujui", "siap_kirim", "dikirim"], quoted=True)
    level = "mod(i.id * 31 + ind.id * 17, 4)"
    reviewed = f"(i.status = ANY({approved}) AND mod(i.id + ind.id, 5) <> 0)"
    given = {
        "indicator": "ind.id",
        "inovasi": "i.id",
        "level": level,
        "verification": f"CASE WHEN {reviewed} THEN 'sesuai' ELSE 'menunggu' END",
        "verified_level": f"CASE WHEN {reviewed} THEN GREATEST({level} - (mod(i.id + ind.id, 3) = 0)::int, 0) END",
    }
    source = "FROM inovasi_inovasi i JOIN scoring_indicator ind ON ind.period_id = i.period_id AND ind.scope = 'sid'"
    _insert(Answer, given, f"{source} WHERE i.period_id = %s", period.pk)


def _evidence(period, user):
    """One PDF for nine claimed levels in ten: the tenth counts 0 for lack of evidence."""
    given = {
        "answer": "a.id",
        "kind": "'pdf'",
        "subject": "'Bukti uji'",
        "file": "'evidence/uji.pdf'",
        "original_name": "'uji.pdf'",
        "size": "1024",
        "uploaded_by": str(user.pk),
    }
    source = "FROM inovasi_answer a JOIN scoring_indicator ind ON ind.id = a.indicator_id"
    _insert(Evidence, given, f"{source} WHERE ind.period_id = %s AND a.level > 0 AND mod(a.id, 10) <> 0", period.pk)


def _spd(period, user):
    for indicator in period.indicators.filter(scope="spd"):
        answer = Answer.objects.create(indicator=indicator, inovasi=None, level=2)
        Evidence.objects.create(
            answer=answer, kind="pdf", subject="Bukti SPD", file="evidence/spd.pdf", uploaded_by=user, size=1024
        )
