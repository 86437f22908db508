"""The seed catalogue: periods, indicators, urusan and the option lists of the national form.

Frozen with migration 0002, which loads it (the leading underscore keeps the migration loader from
taking this module for a migration): never edit it, so an old migration cannot change. A later
year's catalogue is the admin's copy of the previous one (`portal.catalogue.copy.copy_catalogue`) or a
new data migration with its own data.

Plain data, copied from the project's domain reference (iid.md §3.1, §3.3, §4.2–4.4, §5.2–5.4)
so that nothing is read from outside the project at run time. The rows are a starting point:
admins edit them per period in the database, and the code never reads these literals for scoring.

Data marked "Inferred" below is not stated by any source; the rules_note of each period says
the same in Indonesian for the people who maintain the catalogue.
"""

import datetime
from decimal import Decimal

PDF = "pdf"
IMAGE = "image"
VIDEO = "video"
URL = "url"

# ---------------------------------------------------------------------------------------------
# Periods (§5.2–5.4). Entry windows stay empty: admins set them when BSKDN announces them.
# ---------------------------------------------------------------------------------------------

PERIODS = (
    {
        "year": 2023,
        "name": "IGA 2023",
        "status": "archived",
        "is_current": False,
        "sid_divisor_floor": 10,
        "count_factor": "0.38",
        "count_cap": 200,
        "yandas_required": 0,
        "band_very_innovative_above": "60.00",
        "band_innovative_above": "34.99",
        "eligible_from": datetime.date(2021, 1, 1),
        "eligible_until": datetime.date(2022, 12, 31),
        "rules_note": (
            "Sumber: slide Sosialisasi IID Tahun 2023 (BSKDN): SPD = Σ skor indikator 1–15; "
            "SID = Σ skor indikator 16–35 seluruh inovasi / MAX(10, n) + Skor Jumlah Inovasi; "
            "porsi SPD 25,2% dan SID 74,8%; predikat sangat inovatif 60,01–100,00, inovatif "
            "35,00–60,00 (batas bawah 35,00 termasuk inovatif), kurang inovatif 0,01–34,99, "
            "0 = tidak dapat dinilai. Inovasi yang ditolak tetap dihitung dalam n.\n"
            "Katalog SID (indikator 16–35, maksimum 111 per inovasi) mengikuti basis data "
            "aplikasi IID 2023 milik pemerintah daerah (riswandiii/iga); hanya total 111 yang "
            "dikonfirmasi BSKDN. Pengelompokan variabel SID merupakan inferensi.\n"
            "Daftar indikator SPD 2023 tidak diketahui: periode ini memuat salinan sementara "
            "20 baris SPD 2026 agar maksimum SPD 63 (porsi 25,2%) tetap berlaku. Ganti bila "
            "daftar resmi 2023 diperoleh.\n"
            "Rumus Skor Jumlah Inovasi 2023 tidak diketahui: faktor 0,38 dan batas 200 "
            "disimpulkan dari aritmetika (63 + 111 + 76 = 250). Aturan urusan wajib pelayanan "
            "dasar (yandas) 2023 tidak diketahui, sehingga diisi 0 (tanpa syarat)."
        ),
    },
    {
        "year": 2026,
        "name": "IGA 2026",
        "status": "open",
        "is_current": True,
        "sid_divisor_floor": 12,
        "count_factor": "0.38",
        "count_cap": 200,
        "yandas_required": 5,
        "band_very_innovative_above": "65.00",
        "band_innovative_above": "40.00",
        "eligible_from": datetime.date(2024, 1, 1),
        "eligible_until": datetime.date(2025, 12, 31),
        "rules_note": (
            "Sumber: Pedoman Umum IGA Tahun 2026, Surat Kepala BSKDN Nomor "
            "400.10.11/1887/BSKDN tanggal 29 April 2026 (Lampiran I pedoman, Lampiran II "
            "indikator), sebagaimana dikutip implementasi pemerintah daerah (TOR INOVA-HUB "
            "Bappeda Kab. Sumbawa §8; aplikasi SIMONDA Kab. Rote Ndao). Nilai-nilai ini belum "
            "dicocokkan langsung dengan dokumen resmi.\n"
            "Rumus: SID = Σ kematangan / MAX(12, n) + Skor Jumlah Inovasi; Skor Jumlah Inovasi "
            "= MIN(n, 200) × 0,38 bila paling sedikit 5 dari 6 urusan wajib pelayanan dasar "
            "terwakili, selain itu 0. Maksimum: SPD 63, SID 111, jumlah inovasi 76, total 250. "
            "Predikat: sangat inovatif 65,01–100,00, inovatif 40,01–65,00, kurang inovatif "
            "0,01–40,00, 0 = tidak dapat dinilai.\n"
            "Ambang angka SPD adalah nilai 2026 dan dikalibrasi ulang tiap tahun; beberapa "
            "rentang tumpang tindih di batasnya (mis. indikator 4 dan 5b), periksa terhadap "
            "Lampiran II. Pengelompokan variabel SID merupakan inferensi."
        ),
    },
)

# ---------------------------------------------------------------------------------------------
# SID variables (§4.1). Inferred: the reference names the five variables but not which indicator
# belongs to which. This grouping follows a local-government implementation (prjctpy/simonda) and
# is not confirmed by BSKDN; the same indicators (by official number) get the same variable in
# both years.
# ---------------------------------------------------------------------------------------------

INFRASTRUKTUR = "Infrastruktur"
OUTPUT = "Output Pengetahuan dan Teknologi"
BISNIS_PROSES = "Kecepatan Bisnis Proses"
KECANGGIHAN = "Kecanggihan Produk"
HASIL_KREATIF = "Jumlah Inovasi dan Hasil Kreatif"


def _indicator(number, variable, name, bobot, levels, evidence, kinds, definition="", mandatory=False):
    level_1, level_2, level_3 = levels
    return {
        "number": number,
        "variable": variable,
        "name": name,
        "definition": definition,
        "bobot": bobot,
        "level_1": level_1,
        "level_2": level_2,
        "level_3": level_3,
        "evidence_required": evidence,
        "evidence_kinds": list(kinds),
        "is_mandatory": mandatory,
    }


# ---------------------------------------------------------------------------------------------
# SID 2022–2023 (§4.3.B). The table numbers them 1–20; the official numbers are 16–35.
# Σ bobot = 37, so the maximum per innovation is 111.
# ---------------------------------------------------------------------------------------------

SID_2023 = (
    _indicator(
        "16",
        INFRASTRUKTUR,
        "Regulasi Inovasi Daerah",
        "3",
        ("SK Kepala Perangkat Daerah", "SK Kepala Daerah", "Peraturan Kepala Daerah atau Peraturan Daerah"),
        "Perda, Perkada, SK Kepala Daerah atau SK Kepala Perangkat Daerah beserta halaman yang memuat nama "
        "inovasi, berlaku pada tahun penerapan. File PDF.",
        (PDF,),
        definition="Regulasi yang menetapkan nama-nama inovasi daerah (landasan operasional).",
        mandatory=True,
    ),
    _indicator(
        "17",
        INFRASTRUKTUR,
        "Ketersediaan SDM terhadap inovasi daerah",
        "2",
        ("1–10 SDM", "11–30 SDM", "Lebih dari 30 SDM"),
        "SK atau Surat Tugas dari Kepala Daerah atau Kepala Perangkat Daerah pada tahun penerapan. File PDF.",
        (PDF,),
        definition="Jumlah SDM pengelola inovasi pada tahun terakhir.",
        mandatory=True,
    ),
    _indicator(
        "18",
        INFRASTRUKTUR,
        "Dukungan anggaran",
        "2",
        ("Anggaran pada tahun berjalan (T-0)", "Anggaran pada T-1 atau T-2", "Anggaran pada T-0, T-1 dan T-2"),
        "Dokumen anggaran yang memuat program/kegiatan inovasi. File PDF.",
        (PDF,),
        definition="Anggaran APBD untuk penerapan inovasi (sarana prasarana, SDM, layanan, bimtek, dan lainnya).",
    ),
    _indicator(
        "19",
        KECANGGIHAN,
        "Penggunaan IT",
        "2",
        ("Manual", "Elektronik", "Sistem informasi online/daring"),
        "Foto atau tangkapan layar penggunaan teknologi informasi (PDF/JPG/PNG).",
        (PDF, IMAGE),
        definition="Penggunaan teknologi informasi dalam pelaksanaan inovasi.",
    ),
    _indicator(
        "20",
        INFRASTRUKTUR,
        "Bimtek inovasi",
        "1",
        (
            "1 kali transfer pengetahuan dalam 2 tahun terakhir",
            "2 kali bimtek dalam 2 tahun terakhir",
            "Lebih dari 2 kali bimtek dalam 2 tahun terakhir",
        ),
        "SK kegiatan atau Surat Tugas, daftar hadir, dan undangan. File PDF.",
        (PDF,),
        definition="Peningkatan kapasitas dan kompetensi pelaksana inovasi daerah.",
    ),
    _indicator(
        "21",
        INFRASTRUKTUR,
        "Program dan kegiatan inovasi Perangkat Daerah dalam RKPD",
        "2",
        ("RKPD T-1 atau T-2", "RKPD T-1 dan T-2", "RKPD T-1, T-2 dan T-0"),
        "Halaman RKPD yang memuat program/kegiatan inovasi. File PDF.",
        (PDF,),
        definition="Inovasi perangkat daerah telah dituangkan dalam program dan kegiatan RKPD.",
    ),
    _indicator(
        "22",
        OUTPUT,
        "Keterlibatan aktor inovasi",
        "1",
        ("3 aktor", "4 aktor", "5 aktor atau lebih"),
        "SK Perangkat Daerah atau undangan rapat dalam 2 tahun terakhir. File PDF.",
        (PDF,),
        definition="Keikutsertaan unsur pemangku kepentingan dalam pelaksanaan inovasi (T-1 dan T-2).",
    ),
    _indicator(
        "23",
        OUTPUT,
        "Pelaksana inovasi daerah",
        "1",
        (
            "Ada pelaksana, tanpa SK Kepala Perangkat Daerah",
            "Ditetapkan dengan SK Kepala Perangkat Daerah",
            "Ditetapkan dengan SK Kepala Daerah",
        ),
        "SK penetapan tim pelaksana dalam 2 tahun terakhir. File PDF.",
        (PDF,),
        definition="Penetapan tim pelaksana inovasi daerah.",
    ),
    _indicator(
        "24",
        OUTPUT,
        "Jejaring inovasi",
        "1",
        ("1–2 Perangkat Daerah", "3–4 Perangkat Daerah", "5 Perangkat Daerah atau lebih"),
        "SK atau Surat Tugas tim pengelola inovasi. File PDF.",
        (PDF,),
        definition="Jumlah perangkat daerah yang terlibat dalam penerapan inovasi (2 tahun terakhir).",
    ),
    _indicator(
        "25",
        OUTPUT,
        "Sosialisasi inovasi daerah",
        "1",
        ("Foto kegiatan berlatar spanduk inovasi", "Konten media sosial", "Media berita"),
        "Foto, tangkapan layar, atau kliping berita (JPG/PNG).",
        (PDF, IMAGE),
        definition="Penyebarluasan informasi inovasi daerah (2 tahun terakhir).",
    ),
    _indicator(
        "26",
        BISNIS_PROSES,
        "Pedoman teknis",
        "1",
        ("Buku manual", "Buku elektronik", "Pedoman dapat diakses secara online"),
        "Buku manual (PDF) atau tangkapan layar pedoman online.",
        (PDF, IMAGE),
        definition="Ketersediaan pedoman teknis (manual book) penggunaan inovasi.",
    ),
    _indicator(
        "27",
        BISNIS_PROSES,
        "Kemudahan informasi layanan",
        "1",
        ("Telepon, tatap muka, atau noken", "Email atau media sosial", "Aplikasi online"),
        "Nomor telepon, tangkapan layar, atau buku tamu layanan (PDF/JPG).",
        (PDF, IMAGE),
        definition="Kemudahan mendapatkan informasi layanan inovasi.",
    ),
    _indicator(
        "28",
        BISNIS_PROSES,
        "Kemudahan proses inovasi yang dihasilkan",
        "2",
        ("6 hari atau lebih", "2–5 hari", "1 hari"),
        "SOP yang memuat jangka waktu layanan. File PDF.",
        (PDF,),
        definition="Waktu yang diperlukan untuk memperoleh hasil inovasi.",
    ),
    _indicator(
        "29",
        BISNIS_PROSES,
        "Penyelesaian layanan pengaduan",
        "1",
        ("40% atau kurang, atau tidak ada pengaduan", "40,01%–70,99%", "71% atau lebih"),
        "Foto atau tangkapan layar beserta rekap pengaduan dengan persentase penyelesaiannya.",
        (PDF, IMAGE),
        definition="Rasio pengaduan layanan inovasi yang diselesaikan dalam 1 tahun terakhir.",
    ),
    _indicator(
        "30",
        KECANGGIHAN,
        "Online sistem",
        "2",
        ("Website atau media sosial", "Web aplikasi", "Web aplikasi dan aplikasi mobile"),
        "Tangkapan layar beranda dan proses layanan.",
        (PDF, IMAGE),
        definition="Jaringan prosedur layanan inovasi secara online (2 tahun terakhir).",
    ),
    _indicator(
        "31",
        KECANGGIHAN,
        "Replikasi",
        "3",
        ("1 kali direplikasi", "2 kali direplikasi", "3 kali direplikasi"),
        "PKS, MoU, atau surat pernyataan dari pemda yang mereplikasi. File PDF.",
        (PDF,),
        definition="Inovasi telah direplikasi oleh daerah lain (T-2 s.d. T-1).",
    ),
    _indicator(
        "32",
        BISNIS_PROSES,
        "Kecepatan inovasi",
        "2",
        ("9 bulan atau lebih", "5–8 bulan", "1–4 bulan"),
        "Laporan atau proposal yang memuat tahapan dan lama penciptaan inovasi. File PDF.",
        (PDF,),
        definition="Waktu yang diperlukan untuk menciptakan inovasi.",
        mandatory=True,
    ),
    _indicator(
        "33",
        HASIL_KREATIF,
        "Kemanfaatan inovasi",
        "3",
        ("1–100 orang", "101–200 orang", "201 orang atau lebih"),
        "Daftar penerima manfaat (inovasi luring, PDF) atau tangkapan layar jumlah pengguna (inovasi daring).",
        (PDF, IMAGE),
        definition="Jumlah pengguna atau penerima manfaat inovasi (2 tahun terakhir).",
        mandatory=True,
    ),
    _indicator(
        "34",
        HASIL_KREATIF,
        "Monitoring dan evaluasi inovasi daerah",
        "2",
        ("Monev internal Perangkat Daerah", "Survei Kepuasan Masyarakat (SKM)", "Monev eksternal (penelitian)"),
        "Tangkapan layar testimoni, laporan SKM, atau laporan penelitian.",
        (PDF, IMAGE),
        definition="Kepuasan terhadap pemanfaatan inovasi (2 tahun terakhir).",
    ),
    _indicator(
        "35",
        HASIL_KREATIF,
        "Kualitas inovasi daerah (video)",
        "4",
        ("Memuat 1–2 unsur substansi", "Memuat 3–4 unsur substansi", "Memuat 5 unsur substansi"),
        "Video berdurasi paling lama 5 menit (mp4/mov) atau tautan Google Drive/YouTube.",
        (VIDEO,),
        definition="Video yang memuat 5 unsur substansi: latar belakang, penjaringan ide, pemilihan ide, manfaat, "
        "dan dampak.",
        mandatory=True,
    ),
)

# ---------------------------------------------------------------------------------------------
# SID 2026 (§4.3.C). Σ bobot = 37 (maximum 111). The 2026 table has no "Keterangan" column: the
# definitions below restate the 2023 ones with the 2026 changes (Inferred wording).
# ---------------------------------------------------------------------------------------------

SID_2026 = (
    _indicator(
        "16",
        INFRASTRUKTUR,
        "Regulasi Inovasi Daerah",
        "3",
        (
            "SK Kepala Daerah atau SK Kepala Perangkat Daerah a.n. Kepala Daerah",
            "Peraturan Kepala Daerah",
            "Peraturan Daerah",
        ),
        "Halaman sampul dan halaman yang memuat nama inovasi, berlaku pada tahun penerapan. SK harus bertanggal "
        "tahun penerapan. Perda wajib disertai SK/Perkada yang memuat daftar inovasi; Perda/Perkada harus "
        "ditetapkan sebelum 2026. Mengikuti tata naskah Permendagri 1/2023. File PDF.",
        (PDF,),
        definition="Regulasi yang menetapkan nama-nama inovasi daerah (landasan operasional).",
        mandatory=True,
    ),
    _indicator(
        "17",
        INFRASTRUKTUR,
        "Ketersediaan dan peran SDM terhadap inovasi daerah",
        "2",
        ("1–10 SDM", "11–30 SDM", "Lebih dari 30 SDM"),
        "SK Kepala Daerah atau Surat Penugasan/Perintah yang mencakup T-2, T-1 dan T-0 dan menunjukkan peran "
        "setiap orang. File PDF.",
        (PDF,),
        definition="Jumlah dan peran SDM pengelola inovasi.",
        mandatory=True,
    ),
    _indicator(
        "18",
        INFRASTRUKTUR,
        "Dukungan anggaran",
        "2",
        (
            "Anggaran pada salah satu tahun (T-2, T-1 atau T-0)",
            "Anggaran pada dua tahun berturut-turut",
            "Anggaran pada T-0, T-1 dan T-2",
        ),
        "Halaman dokumen anggaran dengan baris belanja inovasi diberi tanda (highlight). BOSP (sekolah) dan "
        "BOK/JKN (kesehatan) diperbolehkan. File PDF.",
        (PDF,),
        definition="Anggaran untuk penerapan inovasi (sarana prasarana, SDM, layanan, bimtek, dan lainnya).",
    ),
    _indicator(
        "19",
        KECANGGIHAN,
        "Alat Kerja",
        "2",
        (
            "Manual atau non-elektronik (tatap muka, jemput bola, noken)",
            "Didukung perangkat elektronik (EDC, telepon)",
            "Didukung sistem daring (media sosial, AI, IoT, superApp)",
        ),
        "Foto atau tangkapan layar alat kerja yang digunakan (PDF/JPG/PNG).",
        (PDF, IMAGE),
        definition="Alat kerja yang digunakan dalam pelaksanaan inovasi (sebelumnya: Penggunaan IT).",
    ),
    _indicator(
        "20",
        INFRASTRUKTUR,
        "Bimtek inovasi",
        "1",
        (
            "1 kali dalam 3 tahun (T-2 s.d. T-0)",
            "2 kali dalam 3 tahun (T-2 s.d. T-0)",
            "3 kali atau lebih dalam 3 tahun (T-2 s.d. T-0)",
        ),
        "SK kegiatan, Surat Tugas atau undangan, beserta daftar hadir dan sertifikat (paling sedikit satu). File PDF.",
        (PDF,),
        definition="Peningkatan kapasitas dan kompetensi pelaksana inovasi daerah.",
    ),
    _indicator(
        "21",
        INFRASTRUKTUR,
        "Integrasi program dan kegiatan inovasi dalam RKPD",
        "2",
        ("RKPD T-1 atau T-2", "RKPD T-1 dan T-2", "RKPD T-1, T-2 dan T-0"),
        "Halaman RKPD yang diberi tanda (highlight). RKAS (sekolah), RUK/RPK (puskesmas), RBA (BLUD), RKA/RBA "
        "(BUMD) atau RKPDes (desa) diperbolehkan. File PDF.",
        (PDF,),
        definition="Inovasi telah dituangkan dalam program dan kegiatan RKPD.",
    ),
    _indicator(
        "22",
        OUTPUT,
        "Keterlibatan aktor inovasi",
        "1",
        ("3 aktor (termasuk pelaksana)", "4 aktor", "5 aktor atau lebih"),
        "SK, dokumen kerja sama/hibah/CSR, pemberitaan, undangan atau foto FGD, rembug warga atau Musrenbang. "
        "File PDF atau gambar.",
        (PDF, IMAGE),
        definition="Keterlibatan unsur aktor inovasi: akademisi, bisnis, komunitas, pemerintah, dan media.",
    ),
    _indicator(
        "23",
        OUTPUT,
        "Pelaksana inovasi daerah",
        "1",
        (
            "Ada pelaksana tanpa surat penetapan",
            "Surat Penugasan Kepala Perangkat Daerah atau setara (mis. kepala puskesmas atau kepala sekolah)",
            "SK Kepala Daerah atau SK Kepala Perangkat Daerah a.n. Kepala Daerah",
        ),
        "Surat penugasan atau SK penetapan pelaksana inovasi. File PDF.",
        (PDF,),
        definition="Penetapan tim pelaksana inovasi daerah.",
    ),
    _indicator(
        "24",
        OUTPUT,
        "Jejaring inovasi",
        "1",
        ("2 Perangkat Daerah", "3–4 Perangkat Daerah", "5 Perangkat Daerah atau lebih"),
        "SK atau Surat Penugasan dari Kepala Daerah atau Kepala Perangkat Daerah. File PDF.",
        (PDF,),
        definition="Jumlah perangkat daerah yang terlibat dalam penerapan inovasi.",
    ),
    _indicator(
        "25",
        OUTPUT,
        "Sosialisasi inovasi daerah",
        "1",
        (
            "Foto kegiatan berlatar spanduk inovasi",
            "Konten media sosial atau pemberitaan milik pemda",
            "Media berita bukan milik pemda",
        ),
        "Foto, tangkapan layar, atau kliping berita (JPG/PNG). Dokumen boleh bertanggal T-0.",
        (PDF, IMAGE),
        definition="Penyebarluasan informasi inovasi daerah.",
    ),
    _indicator(
        "26",
        BISNIS_PROSES,
        "Pedoman teknis",
        "1",
        ("Buku manual cetak", "Buku elektronik", "Pedoman dapat diakses secara daring (atau video tutorial)"),
        "Buku manual (PDF) atau tangkapan layar beserta tautan pedoman daring.",
        (PDF, IMAGE, URL),
        definition="Ketersediaan pedoman teknis (manual book) penggunaan inovasi.",
    ),
    _indicator(
        "27",
        BISNIS_PROSES,
        "Kemudahan informasi layanan",
        "1",
        ("1 dari 4 metode", "2 dari 4 metode", "3 metode atau lebih"),
        "Satu tangkapan layar untuk setiap metode, masing-masing dilampirkan terpisah.",
        (PDF, IMAGE),
        definition="Metode memperoleh informasi layanan: manual, hotline (email/telepon), media sosial, layanan "
        "online (web/aplikasi/AI chatbot).",
    ),
    _indicator(
        "28",
        BISNIS_PROSES,
        "Kemudahan proses inovasi yang dihasilkan",
        "2",
        ("6 hari kalender atau lebih", "2–5 hari kalender", "1 hari kalender"),
        "SOP yang memuat tahapan dan jangka waktu, ditandatangani pejabat berwenang. File PDF.",
        (PDF,),
        definition="Waktu yang diperlukan untuk memperoleh hasil inovasi.",
    ),
    _indicator(
        "29",
        BISNIS_PROSES,
        "Penyelesaian layanan pengaduan",
        "1",
        ("50% atau kurang, atau tidak ada pengaduan", "51%–90%", "91% atau lebih"),
        "Foto atau tangkapan layar beserta rekap pengaduan dan rasio penyelesaiannya.",
        (PDF, IMAGE),
        definition="Rasio pengaduan layanan inovasi yang diselesaikan dalam 2 tahun terakhir.",
    ),
    _indicator(
        "30",
        KECANGGIHAN,
        "Layanan Terintegrasi",
        "2",
        (
            "Layanan berjalan terpisah",
            "Terintegrasi dalam satu portal unit yang sama",
            "Terintegrasi dengan unit lain",
        ),
        "Tangkapan layar beranda dan alur layanan, atau dokumen/foto (untuk layanan non-digital).",
        (PDF, IMAGE),
        definition="Integrasi layanan inovasi, digital (mis. superApp) maupun non-digital (mis. mal pelayanan "
        "publik, program lintas OPD) (sebelumnya: Online sistem).",
    ),
    _indicator(
        "31",
        KECANGGIHAN,
        "Replikasi",
        "3",
        ("1 kali direplikasi", "2 kali di daerah berbeda", "3 kali di daerah berbeda"),
        "PKS, MoU, dokumen replikasi, korespondensi, atau surat pernyataan. File PDF.",
        (PDF,),
        definition="Inovasi telah direplikasi oleh daerah lain yang berbeda.",
    ),
    _indicator(
        "32",
        BISNIS_PROSES,
        "Kecepatan penciptaan inovasi",
        "2",
        ("9 bulan atau lebih", "5–8 bulan", "1–4 bulan"),
        "Proposal atau laporan yang memuat tahapan penciptaan atau pengembangan inovasi. File PDF.",
        (PDF,),
        definition="Waktu yang diperlukan untuk menciptakan inovasi.",
        mandatory=True,
    ),
    _indicator(
        "33",
        HASIL_KREATIF,
        "Kemanfaatan inovasi",
        "3",
        (
            "Pilih satu basis: penerima manfaat 1–200 orang; cakupan unit 5–20% dari unit sasaran; efisiensi "
            "belanja 0,01–10%; penambahan pendapatan 0,01–9,99%; produk 1–100 barang; tren kinerja positif "
            "dalam 1 periode pengukuran",
            "Pilih satu basis: penerima manfaat 201–500 orang; cakupan unit 20,01–50% dari unit sasaran; "
            "efisiensi belanja 10,01–20%; penambahan pendapatan 10–19,99%; produk 101–200 barang; tren kinerja "
            "positif dalam 2 periode pengukuran",
            "Pilih satu basis: penerima manfaat 501 orang atau lebih; cakupan unit lebih dari 50% dari unit "
            "sasaran; efisiensi belanja 20,01–30%; penambahan pendapatan 20% atau lebih; produk lebih dari 200 "
            "barang; tren kinerja positif dalam 3 periode pengukuran",
        ),
        "Rekap penerima manfaat (inovasi non-digital: dengan tanda tangan atau testimoni), perbandingan "
        "sebelum/sesudah, laporan keuangan, atau kajian. Hanya data unit tempat inovasi diterapkan, bukan data "
        "makro daerah.",
        (PDF, IMAGE),
        definition="Manfaat inovasi, diukur dengan salah satu basis: orang, cakupan unit, efisiensi belanja, "
        "penambahan pendapatan, produk, atau tren kinerja.",
        mandatory=True,
    ),
    _indicator(
        "34",
        HASIL_KREATIF,
        "Monitoring dan evaluasi inovasi daerah",
        "2",
        (
            "Monev internal pemda",
            "Laporan Survei Kepuasan Masyarakat (SKM)",
            "Monev eksternal (penelitian atau kajian)",
        ),
        "Laporan monev, tangkapan layar testimoni, laporan SKM, atau laporan penelitian.",
        (PDF, IMAGE),
        definition="Kepuasan terhadap pemanfaatan inovasi.",
    ),
    _indicator(
        "35",
        HASIL_KREATIF,
        "Video inovasi daerah",
        "4",
        ("Memuat 1–2 unsur substansi", "Memuat 3–4 unsur substansi", "Memuat 5 unsur substansi"),
        "Video mp4 berdurasi paling lama 5 menit atau tautan Google Drive/YouTube, dengan thumbnail berlogo "
        "Kemendagri. Cuplikan media sosial diperbolehkan.",
        (VIDEO,),
        definition="Video yang memuat 5 unsur substansi: latar belakang, penjaringan ide, pemilihan ide, manfaat, "
        "dan dampak.",
        mandatory=True,
    ),
)

# ---------------------------------------------------------------------------------------------
# SPD 2026 (§4.2): Lampiran II of Surat Kepala BSKDN 400.10.11/1887/BSKDN as transcribed by a
# local-government implementation. 15 indicators on 20 rows; Σ bobot = 21 (maximum 63).
# The level texts keep the transcription's band edges (some overlap, see §4.2). Inferred: the
# evidence descriptions, which the reference does not give for SPD.
# ---------------------------------------------------------------------------------------------

INSTITUSI = "Institusi"
SDM = "Sumber Daya Manusia"
EKOSISTEM = "Ekosistem Inovasi dan Kajian"

_BPS = "Publikasi BPS atau data statistik resmi daerah tentang"

SPD_2026 = (
    _indicator(
        "1",
        INSTITUSI,
        "Visi dan Misi",
        "1",
        (
            "Kepala Daerah memiliki Misi Inovasi",
            "Kepala Daerah memiliki Visi Inovasi",
            "Kepala Daerah memiliki Misi dan Visi Inovasi",
        ),
        "Dokumen RPJMD (halaman visi dan misi) yang memuat visi/misi inovasi.",
        (PDF,),
        mandatory=True,
    ),
    _indicator(
        "2a",
        INSTITUSI,
        "Penetapan APBD tepat waktu dalam 3 tahun terakhir",
        "1",
        ("Tepat waktu 1 tahun", "Tepat waktu 2 tahun", "Tepat waktu 3 tahun"),
        "Perda APBD tiga tahun terakhir yang menunjukkan tanggal penetapan.",
        (PDF,),
    ),
    _indicator(
        "2b",
        INSTITUSI,
        "Pengalokasian mandatory spending",
        "1",
        ("Memenuhi 2 komponen", "Memenuhi 3 komponen", "Memenuhi lebih dari 3 komponen"),
        "Dokumen APBD yang menunjukkan alokasi belanja wajib (mandatory spending) per komponen.",
        (PDF,),
    ),
    _indicator(
        "3",
        INSTITUSI,
        "Kualitas peningkatan perizinan",
        "1",
        ("≤ −50,32%", "−50,33% s.d. 8,16%", "≥ 8,17%"),
        "Rekap jumlah perizinan yang diterbitkan dua tahun terakhir (mis. dari DPMPTSP).",
        (PDF,),
        mandatory=True,
    ),
    _indicator(
        "4",
        INSTITUSI,
        "Jumlah pendapatan perkapita",
        "1",
        ("≤ 2,04%", "2,05% s.d. 5,23%", "≥ 5,23%"),
        f"{_BPS} pendapatan (PDRB) per kapita dua tahun terakhir.",
        (PDF, URL),
        mandatory=True,
    ),
    _indicator(
        "5a",
        INSTITUSI,
        "Progres penurunan Tingkat Pengangguran Terbuka",
        "0.75",
        ("≤ 0,00", "0,01 s.d. 0,36", "≥ 0,36"),
        f"{_BPS} Tingkat Pengangguran Terbuka dua tahun terakhir.",
        (PDF, URL),
        mandatory=True,
    ),
    _indicator(
        "5b",
        INSTITUSI,
        "Persentase Tingkat Pengangguran Terbuka (T-1)",
        "0.75",
        ("≥ 5,91", "2,34 s.d. 5,92", "≤ 2,35"),
        f"{_BPS} Tingkat Pengangguran Terbuka tahun T-1.",
        (PDF, URL),
        mandatory=True,
    ),
    _indicator(
        "6",
        INSTITUSI,
        "Jumlah peningkatan investasi",
        "1.5",
        ("≤ −47,42%", "−47,43% s.d. 94,75%", "≥ 94,76%"),
        "Data realisasi investasi (PMA dan PMDN) dua tahun terakhir.",
        (PDF, URL),
        mandatory=True,
    ),
    _indicator(
        "7",
        INSTITUSI,
        "Jumlah peningkatan PAD",
        "1.5",
        ("≤ −5,14%", "−5,15% s.d. 33,84%", "≥ 33,85%"),
        "Laporan realisasi Pendapatan Asli Daerah dua tahun terakhir.",
        (PDF,),
        mandatory=True,
    ),
    _indicator(
        "8",
        INSTITUSI,
        "Opini BPK",
        "1.5",
        (
            "Tidak Menyatakan Pendapat (TMP) atau Tidak Wajar (TW)",
            "Wajar Dengan Pengecualian (WDP)",
            "Wajar Tanpa Pengecualian (WTP)",
        ),
        "Laporan Hasil Pemeriksaan BPK atas LKPD tahun terakhir (halaman opini).",
        (PDF,),
        mandatory=True,
    ),
    _indicator(
        "9",
        INSTITUSI,
        "Nilai capaian LAKIP",
        "1",
        ("Nilai LAKIP D atau C", "Nilai LAKIP B", "Nilai LAKIP A"),
        "Surat hasil evaluasi SAKIP/LAKIP pemerintah daerah tahun terakhir.",
        (PDF,),
        mandatory=True,
    ),
    _indicator(
        "10a",
        INSTITUSI,
        "Progres penurunan angka kemiskinan",
        "0.75",
        ("≤ 0,07", "0,08 s.d. 1,15", "≥ 1,16"),
        f"{_BPS} persentase penduduk miskin dua tahun terakhir.",
        (PDF, URL),
        mandatory=True,
    ),
    _indicator(
        "10b",
        INSTITUSI,
        "Persentase penduduk miskin (T-1)",
        "0.75",
        ("≥ 13,10", "4,81 s.d. 13,11", "≤ 4,82"),
        f"{_BPS} persentase penduduk miskin tahun T-1.",
        (PDF, URL),
        mandatory=True,
    ),
    _indicator(
        "11a",
        SDM,
        "Peningkatan IPM dua tahun terakhir",
        "0.75",
        ("≤ 0,55", "0,56 s.d. 0,90", "≥ 0,90"),
        f"{_BPS} Indeks Pembangunan Manusia dua tahun terakhir.",
        (PDF, URL),
        mandatory=True,
    ),
    _indicator(
        "11b",
        SDM,
        "Capaian IPM tahun terakhir",
        "0.75",
        ("≤ 69,99", "70,00 s.d. 79,99", "≥ 80,00"),
        f"{_BPS} Indeks Pembangunan Manusia tahun terakhir.",
        (PDF, URL),
        mandatory=True,
    ),
    _indicator(
        "12",
        SDM,
        "Penghargaan bagi inovator",
        "2",
        (
            "Piagam penghargaan bagi inovator",
            "Piagam dan reward/insentif bagi inovator",
            "Piagam, insentif, dan mekanisme kontrol pembudayaan inovasi",
        ),
        "Piagam penghargaan, dokumen pemberian reward/insentif, dan regulasi atau mekanisme pembudayaan inovasi.",
        (PDF,),
    ),
    _indicator(
        "13a",
        EKOSISTEM,
        "Jumlah rekomendasi kebijakan yang mendukung inovasi",
        "1",
        ("1–3 rekomendasi kebijakan", "4–7 rekomendasi kebijakan", "Lebih dari 7 rekomendasi kebijakan"),
        "Dokumen rekomendasi kebijakan hasil kajian yang mendukung inovasi daerah.",
        (PDF,),
    ),
    _indicator(
        "13b",
        EKOSISTEM,
        "Capaian Indeks Kualitas Kebijakan",
        "1",
        ("Cukup atau Kurang", "Baik", "Unggul atau Sangat Baik"),
        "Hasil penilaian Indeks Kualitas Kebijakan pemerintah daerah tahun terakhir.",
        (PDF, URL),
    ),
    _indicator(
        "14",
        EKOSISTEM,
        "Rencana Induk dan Peta Jalan Pemajuan Iptek Daerah (RIPJ PID)",
        "1",
        ("Masih berbentuk rancangan", "Dokumen selesai dan disepakati", "Ditetapkan dengan Peraturan Kepala Daerah"),
        "Dokumen RIPJ PID: rancangan, berita acara kesepakatan, atau Perkada penetapannya.",
        (PDF,),
    ),
    _indicator(
        "15",
        EKOSISTEM,
        "Fasilitasi pengakuan HAKI atas inovasi daerah",
        "1",
        (
            "Sosialisasi HAKI",
            "Sosialisasi dan fasilitasi administrasi HAKI",
            "Sosialisasi, fasilitasi administrasi, dan insentif pembiayaan HAKI",
        ),
        "Dokumentasi sosialisasi HAKI, bukti fasilitasi administrasi pendaftaran, dan dokumen insentif pembiayaan.",
        (PDF,),
    ),
)

# The catalogue of each period: year → scope → rows. Inferred: the 2023 SPD list is unknown, so
# the 2023 period carries a provisional copy of the 2026 SPD rows (its maximum, 63, is the same).
CATALOGUE = {
    2023: {"sid": SID_2023, "spd": SPD_2026},
    2026: {"sid": SID_2026, "spd": SPD_2026},
}

# ---------------------------------------------------------------------------------------------
# Urusan pemerintahan (§3.3), in order, with their group.
# ---------------------------------------------------------------------------------------------

URUSAN = (
    ("Pendidikan", "wajib_dasar"),
    ("Kesehatan", "wajib_dasar"),
    ("Pekerjaan Umum dan Penataan Ruang", "wajib_dasar"),
    ("Perumahan Rakyat dan Kawasan Permukiman", "wajib_dasar"),
    ("Ketenteraman, Ketertiban Umum dan Perlindungan Masyarakat", "wajib_dasar"),
    ("Sosial", "wajib_dasar"),
    ("Tenaga Kerja", "wajib"),
    ("Pemberdayaan Perempuan dan Perlindungan Anak", "wajib"),
    ("Pangan", "wajib"),
    ("Pertanahan", "wajib"),
    ("Lingkungan Hidup", "wajib"),
    ("Administrasi Kependudukan dan Pencatatan Sipil", "wajib"),
    ("Pemberdayaan Masyarakat dan Desa", "wajib"),
    ("Pengendalian Penduduk dan KB", "wajib"),
    ("Perhubungan", "wajib"),
    ("Komunikasi dan Informatika", "wajib"),
    ("Koperasi, UKM", "wajib"),
    ("Penanaman Modal", "wajib"),
    ("Kepemudaan dan Olahraga", "wajib"),
    ("Statistik", "wajib"),
    ("Persandian", "wajib"),
    ("Kebudayaan", "wajib"),
    ("Perpustakaan", "wajib"),
    ("Kearsipan", "wajib"),
    ("Kelautan dan Perikanan", "pilihan"),
    ("Pariwisata", "pilihan"),
    ("Pertanian", "pilihan"),
    ("Kehutanan", "pilihan"),
    ("ESDM", "pilihan"),
    ("Perdagangan", "pilihan"),
    ("Perindustrian", "pilihan"),
    ("Transmigrasi", "pilihan"),
    ("Perencanaan", "penunjang"),
    ("Keuangan", "penunjang"),
    ("Kepegawaian", "penunjang"),
    ("Pendidikan dan Pelatihan", "penunjang"),
    ("Penelitian dan Pengembangan", "penunjang"),
    ("Fungsi lain sesuai ketentuan peraturan perundang-undangan", "penunjang"),
)

# ---------------------------------------------------------------------------------------------
# Option lists of the national form (§3.1): kind → (code, name), in display order.
# ---------------------------------------------------------------------------------------------

REFERENCE_OPTIONS = {
    "tahapan": (
        ("inisiatif", "Inisiatif"),
        ("uji_coba", "Uji Coba"),
        ("penerapan", "Penerapan"),
    ),
    "inisiator": (
        ("kepala_daerah", "Kepala Daerah"),
        ("anggota_dprd", "Anggota DPRD"),
        ("opd", "OPD (Perangkat Daerah)"),
        ("asn", "ASN"),
        ("masyarakat", "Masyarakat"),
    ),
    "jenis": (
        ("digital", "Digital"),
        ("non_digital", "Non Digital"),
    ),
    "bentuk": (
        ("tata_kelola", "Inovasi tata kelola pemerintahan daerah"),
        ("pelayanan_publik", "Inovasi pelayanan publik"),
        ("lainnya", "Inovasi daerah lainnya sesuai dengan urusan pemerintahan yang menjadi kewenangan daerah"),
    ),
    "tematik": (
        ("digitalisasi_layanan", "Digitalisasi layanan pemerintahan"),
        ("penanggulangan_kemiskinan", "Penanggulangan kemiskinan"),
        ("kemudahan_investasi", "Kemudahan investasi"),
        ("prioritas_presiden", "Prioritas aktual presiden"),
        ("non_tematik", "Non tematik"),
    ),
}

_DECIMAL_PERIOD_FIELDS = ("count_factor", "band_very_innovative_above", "band_innovative_above")
# Admins own these after the first load: a second run must not move the current period or the status.
_PERIOD_CREATE_ONLY_FIELDS = ("status", "is_current")


def _model(apps, name):
    # The models moved to the catalogue app (catalogue.0001); an older migration state still
    # has them where they started, in scoring and inovasi.
    for label in ("catalogue", "scoring", "inovasi"):
        try:
            return apps.get_model(label, name)
        except LookupError:
            continue
    raise LookupError(name)


def load_catalogue(apps, schema_editor=None):
    """Create or update the seed rows. Works with migration state (`apps`) or `django.apps.apps`."""
    Period, Indicator, Urusan, ReferenceOption = (
        _model(apps, name) for name in ("Period", "Indicator", "Urusan", "ReferenceOption")
    )

    # The eligibility window arrived with catalogue.0002: migration 0002 (an older state) skips it,
    # and catalogue.0002 seeds the same dates, so the tests' reload matches a migrated database.
    period_fields = {field.name for field in Period._meta.get_fields()}
    for entry in PERIODS:
        values = {key: value for key, value in entry.items() if key != "year" and key in period_fields}
        for key in _DECIMAL_PERIOD_FIELDS:
            values[key] = Decimal(values[key])
        create_only = {key: values.pop(key) for key in _PERIOD_CREATE_ONLY_FIELDS}
        period, _ = Period.objects.update_or_create(
            year=entry["year"], defaults=values, create_defaults={**values, **create_only}
        )
        for scope, rows in CATALOGUE[entry["year"]].items():
            for order, row in enumerate(rows, start=1):
                defaults = {key: value for key, value in row.items() if key != "number"}
                defaults["bobot"] = Decimal(row["bobot"])
                defaults["evidence_kinds"] = list(row["evidence_kinds"])
                defaults["order"] = order
                Indicator.objects.update_or_create(period=period, scope=scope, number=row["number"], defaults=defaults)

    for order, (name, group) in enumerate(URUSAN, start=1):
        Urusan.objects.update_or_create(name=name, defaults={"group": group, "order": order})

    for kind, options in REFERENCE_OPTIONS.items():
        for order, (code, name) in enumerate(options, start=1):
            ReferenceOption.objects.update_or_create(kind=kind, code=code, defaults={"name": name, "order": order})
