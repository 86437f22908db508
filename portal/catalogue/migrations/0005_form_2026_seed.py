"""What IGA 2026's national form asks beyond 2023's (domain reference §3, §7): its extra profile items,
their reference lists, and the one basis indicator 33 (kemanfaatan) asks the OPD to choose.

The public texts give the items but not every list: the Asta Cita are the eight of the RPJMN
2025–2029; the priority programmes start from the Program Hasil Terbaik Cepat; the classification
list is a starting point. Bappeda checks them against the 2026 guide in the admin (each is a row).
"""

from django.db import migrations

ITEMS_2026 = ["lokasi", "klasifikasi", "asta_cita", "program_prioritas", "haki", "penghargaan"]

LISTS_2026 = {
    "klasifikasi": [
        ("baru", "Inovasi baru"),
        ("pengembangan", "Pengembangan inovasi yang sudah ada"),
        ("replikasi", "Replikasi inovasi daerah lain"),
    ],
    "asta_cita": [
        ("ac1", "1. Memperkokoh ideologi Pancasila, demokrasi, dan hak asasi manusia"),
        ("ac2", "2. Memantapkan sistem pertahanan keamanan negara dan kemandirian bangsa melalui swasembada "
         "pangan, energi, air, ekonomi syariah, ekonomi digital, ekonomi hijau, dan ekonomi biru"),
        ("ac3", "3. Meningkatkan lapangan kerja yang berkualitas, mendorong kewirausahaan, mengembangkan "
         "industri kreatif, dan melanjutkan pengembangan infrastruktur"),
        ("ac4", "4. Memperkuat pembangunan sumber daya manusia, sains, teknologi, pendidikan, kesehatan, "
         "prestasi olahraga, kesetaraan gender, serta peran perempuan, pemuda, dan penyandang disabilitas"),
        ("ac5", "5. Melanjutkan hilirisasi dan industrialisasi untuk meningkatkan nilai tambah di dalam negeri"),
        ("ac6", "6. Membangun dari desa dan dari bawah untuk pemerataan ekonomi dan pemberantasan kemiskinan"),
        ("ac7", "7. Memperkuat reformasi politik, hukum, dan birokrasi, serta pencegahan dan pemberantasan "
         "korupsi dan narkoba"),
        ("ac8", "8. Memperkuat penyelarasan kehidupan yang harmonis dengan lingkungan, alam, dan budaya, serta "
         "toleransi antarumat beragama"),
    ],
    "program_prioritas": [
        ("mbg", "Makan bergizi gratis"),
        ("ckg", "Pemeriksaan kesehatan gratis"),
        ("rs", "Pembangunan rumah sakit lengkap berkualitas"),
        ("pangan", "Lumbung pangan dan swasembada pangan"),
        ("sekolah", "Sekolah unggul terintegrasi dan renovasi sekolah"),
        ("kesejahteraan", "Kartu kesejahteraan sosial dan kartu usaha"),
        ("rumah", "Pembangunan rumah dan perumahan rakyat"),
        ("desa", "Pembangunan infrastruktur desa dan kelurahan"),
        ("lainnya", "Tidak terkait langsung dengan program prioritas nasional"),
    ],
}

BASES_33 = [
    {"code": "orang", "label": "Jumlah orang penerima manfaat: 1–200 / 201–500 / ≥501 orang"},
    {"code": "unit", "label": "Cakupan unit sasaran: 5–20% / 20,01–50% / >50% dari unit sasaran"},
    {"code": "efisiensi", "label": "Efisiensi belanja: 0,01–10% / 10,01–20% / 20,01–30%"},
    {"code": "pendapatan", "label": "Penambahan pendapatan: 0,01–9,99% / 10–19,99% / ≥20%"},
    {"code": "produk", "label": "Produk yang dihasilkan: 1–100 / 101–200 / >200 barang"},
    {"code": "tren", "label": "Tren kinerja positif pada 1 / 2 / 3 periode pengukuran"},
]


def seed_2026(apps, schema_editor):
    Period = apps.get_model("catalogue", "Period")
    Indicator = apps.get_model("catalogue", "Indicator")
    ReferenceOption = apps.get_model("catalogue", "ReferenceOption")
    period = Period.objects.filter(year=2026).first()
    if period is None:
        return
    if not period.profile_items:
        period.profile_items = ITEMS_2026
        period.save(update_fields=["profile_items"])
    for kind, options in LISTS_2026.items():
        for order, (code, name) in enumerate(options, start=1):
            ReferenceOption.objects.get_or_create(
                period=period, kind=kind, code=code, defaults={"name": name, "order": order}
            )
    Indicator.objects.filter(period=period, scope="sid", number="33", bases=[]).update(bases=BASES_33)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0004_form_2026_rules_and_lists"),
    ]

    operations = [migrations.RunPython(seed_2026, migrations.RunPython.noop)]
