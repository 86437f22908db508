"""Demo innovation data for `manage.py seed_demo`: three periods, innovations, answers and evidence.

Everything comes from generators seeded with SEED, so every run plans the same data. A planned
innovation is identified by (period, OPD, name) and is created, with its answers and evidence, only
when that identity does not exist yet: running the command again adds no rows and no files.

IGA 2026 innovations are created as drafts and taken to their planned status through the workflow
(portal.demo.review); the earlier periods' statuses are imported history, assigned directly.
"""

import datetime
import random
import string
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from inovasi.completeness import refresh_completeness
from inovasi.dates import STAGE_DATES
from inovasi.models import Answer, Evidence, Inovasi, SharedDocument
from inovasi.shared_documents import attach_shared_document_to_many, upload_shared_document
from portal.accounts.models import Bidang, Membership, Opd, Role, User
from portal.catalogue.copy import copy_catalogue
from portal.catalogue.models import Indicator, Period, ReferenceOption, Urusan
from portal.demo import organisation as demo_data
from portal.demo import review as demo_review

SEED = 2026
CURRENT_YEAR = 2026
PREVIOUS_YEAR = 2025
ARCHIVED_YEAR = 2023
OFFICIAL_RESULTS = {
    ARCHIVED_YEAR: {"official_iid": Decimal("52.18"), "official_band": "inovatif"},
    PREVIOUS_YEAR: {
        "official_iid": Decimal("66.40"),
        "official_band": "sangat_inovatif",
        "official_rank": 27,
        "official_regions": 546,
    },
}
TOTALS = {CURRENT_YEAR: 150, PREVIOUS_YEAR: 40, ARCHIVED_YEAR: 25}
MAX_PER_OPD = {CURRENT_YEAR: 8, PREVIOUS_YEAR: 4, ARCHIVED_YEAR: 3}
ENTRY_OPENS = datetime.date(CURRENT_YEAR, 6, 1)
ENTRY_DAYS, REVIEW_DAYS = 60, 14

# How often an OPD of each kind is drawn for an innovation; every dinas and badan also gets two.
KIND_WEIGHTS = {
    "dinas": 4,
    "badan": 4,
    "lainnya": 3,
    "sekretariat": 1,
    "kecamatan": 2,
    "kelurahan": 0.4,
    "puskesmas": 2.5,
    "sekolah": 2,
}
BASE_PER_KIND = {"dinas": 2, "badan": 2}
# The demo operators' OPDs: a fixed mix of statuses, so each operator sees editable and locked records.
OPERATOR_MIX = {
    "Diskominfo": ("draft", "diajukan", "direviu", "dikembalikan", "disetujui", "siap_kirim", "draft"),
    "PKM Ngletih": ("draft", "diajukan", "dikembalikan", "disetujui", "draft"),
}
CURRENT_SHARES = (
    ("diajukan", 0.25),
    ("direviu", 0.10),
    ("dikembalikan", 0.10),
    ("disetujui", 0.15),
    ("siap_kirim", 0.07),
    ("dikirim", 0.03),
)  # the rest (~30%) are drafts
EARLIER_SHARES = (("ditolak", 0.15),)  # the rest were sent to the national application
APPROVED = {"disetujui", "siap_kirim", "dikirim"}

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
VIDEO_INDICATOR = "35"
YOUTUBE = "https://www.youtube.com/watch?v="
CITY = "Kota Kediri"
JAKARTA = ZoneInfo("Asia/Jakarta")


@dataclass(frozen=True)
class Domain:
    urusan: str
    others: tuple
    topics: tuple
    targets: tuple
    keywords: tuple
    laws: tuple
    gerakan: str = "Gerakan {kw}"
    bentuk: str = "pelayanan_publik"
    tematik: str = "non_tematik"


def _domain(urusan, others, topics, targets, keywords, laws, **extra):
    return Domain(urusan, others, topics, targets, keywords, laws, **extra)


FUNGSI_LAIN = "Fungsi lain sesuai ketentuan peraturan perundang-undangan"
TRANTIB = "Ketenteraman, Ketertiban Umum dan Perlindungan Masyarakat"
GENERAL_LAWS = (
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "Peraturan Pemerintah Nomor 38 Tahun 2017 tentang Inovasi Daerah",
    "Peraturan Menteri Dalam Negeri Nomor 104 Tahun 2018 tentang Penilaian dan Pemberian Penghargaan "
    "dan/atau Insentif Inovasi Daerah",
)
DIGITAL_LAW = "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik"

DOMAINS = {
    "kominfo": _domain(
        "Komunikasi dan Informatika",
        ("Statistik", "Persandian"),
        (
            "Pengaduan Masyarakat",
            "Satu Data Kota Kediri",
            "Jaringan Internet Publik",
            "Keamanan Informasi",
            "Layanan Informasi Publik",
            "Tanda Tangan Elektronik",
            "Statistik Sektoral",
        ),
        ("masyarakat Kota Kediri", "perangkat daerah", "pengelola data di perangkat daerah"),
        ("Kediri Melek Digital", "Kampung Digital"),
        (DIGITAL_LAW, "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik"),
        bentuk="tata_kelola",
        tematik="digitalisasi_layanan",
    ),
    "kesehatan": _domain(
        "Kesehatan",
        ("Pengendalian Penduduk dan KB", "Sosial", "Pemberdayaan Perempuan dan Perlindungan Anak"),
        (
            "Pemantauan Gizi Balita",
            "Deteksi Dini Hipertensi",
            "Pemantauan Ibu Hamil Risiko Tinggi",
            "Skrining Tuberkulosis",
            "Imunisasi Anak",
            "Kesehatan Lansia",
            "Pengendalian Demam Berdarah",
            "Kesehatan Jiwa Remaja",
            "Antrean Pasien",
        ),
        ("ibu hamil dan balita", "warga lanjut usia", "pasien dan keluarganya", "remaja usia sekolah"),
        ("Balita", "Lansia", "Remaja", "Keluarga", "Jantung", "Ibu Hamil", "Kampung", "Jiwa"),
        (
            "Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan",
            "Peraturan Presiden Nomor 72 Tahun 2021 tentang Percepatan Penurunan Stunting",
        ),
        gerakan="Gerakan {kw} Sehat",
        tematik="prioritas_presiden",
    ),
    "rumah_sakit": _domain(
        "Kesehatan",
        ("Sosial",),
        (
            "Antrean Rawat Jalan",
            "Rekam Medis Elektronik",
            "Ketersediaan Tempat Tidur",
            "Pelayanan Darah",
            "Perawatan Pasien di Rumah",
            "Rujukan Gawat Darurat",
        ),
        ("pasien rawat jalan", "pasien dan keluarganya", "fasilitas kesehatan perujuk"),
        ("Pasien", "Jantung", "Ginjal"),
        ("Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan",),
        gerakan="Gerakan {kw} Sehat",
    ),
    "pendidikan": _domain(
        "Pendidikan",
        ("Perpustakaan", "Pemberdayaan Perempuan dan Perlindungan Anak"),
        (
            "Literasi Siswa",
            "Penerimaan Peserta Didik Baru",
            "Pemetaan Anak Tidak Sekolah",
            "Pengembangan Kompetensi Guru",
            "Pendidikan Anak Usia Dini",
            "Beasiswa Siswa Kurang Mampu",
            "Pendidikan Inklusif",
        ),
        ("peserta didik", "guru dan tenaga kependidikan", "orang tua siswa"),
        ("Kediri Membaca", "Sekolah Ramah Anak", "Ayo Sekolah Lagi"),
        ("Undang-Undang Nomor 20 Tahun 2003 tentang Sistem Pendidikan Nasional",),
    ),
    "sekolah": _domain(
        "Pendidikan",
        ("Lingkungan Hidup", "Kesehatan"),
        (
            "Literasi Pagi",
            "Bank Sampah Sekolah",
            "Bimbingan Belajar Sebaya",
            "Kantin Sehat",
            "Presensi Siswa",
            "Konseling Siswa",
        ),
        ("peserta didik", "guru", "orang tua siswa"),
        ("Literasi Sekolah", "Sekolah Bersih", "Siswa Peduli Lingkungan"),
        ("Undang-Undang Nomor 20 Tahun 2003 tentang Sistem Pendidikan Nasional",),
    ),
    "adminduk": _domain(
        "Administrasi Kependudukan dan Pencatatan Sipil",
        ("Komunikasi dan Informatika",),
        (
            "Akta Kelahiran",
            "Kartu Identitas Anak",
            "KTP Elektronik",
            "Pindah Datang Penduduk",
            "Akta Kematian",
            "Dokumen Kependudukan",
        ),
        ("penduduk Kota Kediri", "orang tua bayi baru lahir", "warga lanjut usia dan penyandang disabilitas"),
        ("Sadar Adminduk", "Tertib Administrasi Kependudukan"),
        (
            "Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2006 "
            "tentang Administrasi Kependudukan",
            "Peraturan Presiden Nomor 96 Tahun 2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk "
            "dan Pencatatan Sipil",
        ),
        tematik="digitalisasi_layanan",
    ),
    "pu": _domain(
        "Pekerjaan Umum dan Penataan Ruang",
        ("Lingkungan Hidup", "Perhubungan"),
        (
            "Pemeliharaan Jalan",
            "Drainase Perkotaan",
            "Persetujuan Bangunan Gedung",
            "Pengendalian Banjir",
            "Penerangan Jalan Umum",
            "Informasi Tata Ruang",
        ),
        ("pengguna jalan", "pemohon persetujuan bangunan", "warga di kawasan rawan genangan"),
        ("Kediri Bebas Genangan", "Jalan Mulus"),
        ("Undang-Undang Nomor 26 Tahun 2007 tentang Penataan Ruang",),
    ),
    "perkim": _domain(
        "Perumahan Rakyat dan Kawasan Permukiman",
        ("Sosial", "Pekerjaan Umum dan Penataan Ruang"),
        (
            "Rumah Tidak Layak Huni",
            "Penanganan Kawasan Kumuh",
            "Prasarana Permukiman",
            "Air Bersih Permukiman",
            "Sanitasi Lingkungan",
        ),
        ("keluarga berpenghasilan rendah", "warga kawasan padat", "pengembang perumahan"),
        ("Bedah Rumah", "Kampung Tertata"),
        ("Undang-Undang Nomor 1 Tahun 2011 tentang Perumahan dan Kawasan Permukiman",),
        tematik="penanggulangan_kemiskinan",
    ),
    "sosial": _domain(
        "Sosial",
        ("Kesehatan", "Pemberdayaan Perempuan dan Perlindungan Anak"),
        (
            "Data Terpadu Kesejahteraan Sosial",
            "Bantuan Sosial",
            "Rehabilitasi Penyandang Disabilitas",
            "Penanganan Anak Terlantar",
            "Pemberdayaan Fakir Miskin",
            "Pendampingan Lansia Terlantar",
        ),
        ("keluarga penerima manfaat", "penyandang disabilitas", "warga lanjut usia terlantar"),
        ("Peduli Sesama", "Kediri Berbagi"),
        ("Undang-Undang Nomor 11 Tahun 2009 tentang Kesejahteraan Sosial",),
        tematik="penanggulangan_kemiskinan",
    ),
    "perizinan": _domain(
        "Penanaman Modal",
        ("Koperasi, UKM",),
        (
            "Perizinan Berusaha",
            "Pengaduan Perizinan",
            "Konsultasi Investasi",
            "Izin Usaha Mikro",
            "Perizinan Malam Hari",
        ),
        ("pelaku usaha", "calon investor", "pemohon izin"),
        ("Investasi Kediri", "Izin Mudah"),
        ("Peraturan Pemerintah Nomor 5 Tahun 2021 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko",),
        tematik="kemudahan_investasi",
    ),
    "perhubungan": _domain(
        "Perhubungan",
        ("Pendidikan",),
        (
            "Parkir Elektronik",
            "Uji Kendaraan Bermotor",
            "Angkutan Sekolah",
            "Keselamatan Lalu Lintas",
            "Lampu Lalu Lintas Cerdas",
        ),
        ("pengguna jalan", "pemilik kendaraan angkutan", "pelajar"),
        ("Tertib Lalu Lintas", "Kediri Selamat di Jalan"),
        ("Undang-Undang Nomor 22 Tahun 2009 tentang Lalu Lintas dan Angkutan Jalan",),
    ),
    "lingkungan": _domain(
        "Lingkungan Hidup",
        ("Pemberdayaan Masyarakat dan Desa",),
        (
            "Bank Sampah",
            "Pengolahan Sampah Organik",
            "Ruang Terbuka Hijau",
            "Pengawasan Limbah Usaha",
            "Pengangkutan Sampah",
        ),
        ("rumah tangga", "pelaku usaha", "pengelola bank sampah"),
        ("Kediri Bersih", "Pilah Sampah dari Rumah"),
        (
            "Undang-Undang Nomor 32 Tahun 2009 tentang Perlindungan dan Pengelolaan Lingkungan Hidup",
            "Undang-Undang Nomor 18 Tahun 2008 tentang Pengelolaan Sampah",
        ),
    ),
    "p3akb": _domain(
        "Pemberdayaan Perempuan dan Perlindungan Anak",
        ("Pengendalian Penduduk dan KB", "Sosial"),
        (
            "Perlindungan Perempuan dan Anak",
            "Pencegahan Perkawinan Anak",
            "Layanan Keluarga Berencana",
            "Kampung Keluarga Berkualitas",
            "Pemberdayaan Ekonomi Perempuan",
        ),
        ("perempuan dan anak", "pasangan usia subur", "keluarga berisiko stunting"),
        ("Keluarga Tangguh", "Stop Kekerasan Anak"),
        (
            "Undang-Undang Nomor 35 Tahun 2014 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2002 "
            "tentang Perlindungan Anak",
        ),
    ),
    "pangan": _domain(
        "Pangan",
        ("Pertanian", "Kelautan dan Perikanan"),
        (
            "Cadangan Pangan",
            "Pekarangan Pangan Lestari",
            "Keamanan Pangan Segar",
            "Pertanian Perkotaan",
            "Kesehatan Hewan",
            "Budidaya Ikan Lele",
        ),
        ("kelompok wanita tani", "peternak", "rumah tangga rawan pangan"),
        ("Tanam Pangan di Rumah", "Kediri Tahan Pangan"),
        ("Undang-Undang Nomor 18 Tahun 2012 tentang Pangan",),
        tematik="penanggulangan_kemiskinan",
    ),
    "koperasi": _domain(
        "Koperasi, UKM",
        ("Perdagangan", "Perindustrian"),
        (
            "Pendampingan Usaha Mikro",
            "Pemasaran Produk UMKM",
            "Kesehatan Koperasi",
            "Permodalan Usaha Mikro",
            "Sertifikasi Halal UMKM",
        ),
        ("pelaku usaha mikro", "pengurus koperasi", "wirausaha pemula"),
        ("Bangga Produk Kediri", "UMKM Naik Kelas"),
        (
            "Peraturan Pemerintah Nomor 7 Tahun 2021 tentang Kemudahan, Pelindungan, dan Pemberdayaan "
            "Koperasi dan Usaha Mikro, Kecil, dan Menengah",
        ),
        tematik="penanggulangan_kemiskinan",
    ),
    "perdagangan": _domain(
        "Perdagangan",
        ("Perindustrian", "Pangan"),
        (
            "Harga Bahan Pokok",
            "Pengelolaan Pasar Rakyat",
            "Tera Ulang Timbangan",
            "Produk Industri Kecil",
            "Retribusi Pasar",
        ),
        ("pedagang pasar", "konsumen", "pelaku industri kecil"),
        ("Pasar Bersih", "Belanja di Pasar Rakyat"),
        ("Undang-Undang Nomor 7 Tahun 2014 tentang Perdagangan",),
    ),
    "tenaga_kerja": _domain(
        "Tenaga Kerja",
        ("Pendidikan dan Pelatihan",),
        (
            "Informasi Lowongan Kerja",
            "Pelatihan Kerja",
            "Pengaduan Hubungan Industrial",
            "Kartu Pencari Kerja",
            "Wirausaha Muda",
        ),
        ("pencari kerja", "pekerja dan pengusaha", "lulusan baru"),
        ("Kediri Siap Kerja",),
        ("Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan",),
        tematik="penanggulangan_kemiskinan",
    ),
    "budpar": _domain(
        "Pariwisata",
        ("Kebudayaan", "Kepemudaan dan Olahraga"),
        (
            "Promosi Wisata",
            "Pelestarian Cagar Budaya",
            "Kalender Acara Kota",
            "Pembinaan Atlet Muda",
            "Sanggar Seni Tradisional",
        ),
        ("wisatawan", "pelaku seni", "atlet muda"),
        ("Sadar Wisata", "Kediri Berolahraga"),
        (
            "Undang-Undang Nomor 10 Tahun 2009 tentang Kepariwisataan",
            "Undang-Undang Nomor 5 Tahun 2017 tentang Pemajuan Kebudayaan",
        ),
    ),
    "perpustakaan": _domain(
        "Perpustakaan",
        ("Kearsipan", "Pendidikan"),
        ("Perpustakaan", "Arsip Dinamis", "Peminjaman Buku", "Literasi Masyarakat", "Arsip Keluarga"),
        ("pemustaka", "pelajar dan mahasiswa", "pengelola arsip perangkat daerah"),
        ("Kediri Gemar Membaca", "Sadar Arsip"),
        (
            "Undang-Undang Nomor 43 Tahun 2007 tentang Perpustakaan",
            "Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan",
        ),
    ),
    "perencanaan": _domain(
        "Perencanaan",
        ("Penelitian dan Pengembangan", "Statistik"),
        (
            "Perencanaan Pembangunan",
            "Musyawarah Perencanaan Pembangunan",
            "Riset Daerah",
            "Pemantauan Kinerja Pembangunan",
            "Data Pembangunan",
        ),
        ("perangkat daerah", "peneliti dan akademisi", "masyarakat pengusul"),
        ("Kediri Inovatif",),
        ("Undang-Undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional",),
        bentuk="tata_kelola",
    ),
    "keuangan": _domain(
        "Keuangan",
        ("Komunikasi dan Informatika",),
        (
            "Pengelolaan Aset Daerah",
            "Pembayaran Nontunai",
            "Laporan Keuangan",
            "Penatausahaan Belanja",
            "Inventarisasi Barang Milik Daerah",
        ),
        ("bendahara perangkat daerah", "pengurus barang", "penyedia barang dan jasa"),
        ("Tertib Aset",),
        ("Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah",),
        bentuk="tata_kelola",
    ),
    "pendapatan": _domain(
        "Keuangan",
        ("Penanaman Modal",),
        (
            "Pajak Bumi dan Bangunan",
            "Pajak Restoran",
            "Pembayaran Pajak Daerah",
            "Pendataan Objek Pajak",
            "Penagihan Pajak",
        ),
        ("wajib pajak", "pelaku usaha kuliner", "pemilik bangunan"),
        ("Sadar Pajak", "Bayar Pajak Tepat Waktu"),
        ("Undang-Undang Nomor 1 Tahun 2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah",),
        tematik="kemudahan_investasi",
    ),
    "kepegawaian": _domain(
        "Kepegawaian",
        ("Pendidikan dan Pelatihan",),
        (
            "Kenaikan Pangkat",
            "Penilaian Kinerja Pegawai",
            "Pengembangan Kompetensi ASN",
            "Presensi Pegawai",
            "Layanan Pensiun",
        ),
        ("aparatur sipil negara", "pejabat penilai kinerja", "calon pensiunan"),
        ("ASN Berakhlak",),
        ("Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",),
        bentuk="tata_kelola",
    ),
    "bencana": _domain(
        TRANTIB,
        ("Sosial",),
        (
            "Kesiapsiagaan Bencana",
            "Peringatan Dini Banjir",
            "Logistik Kebencanaan",
            "Relawan Bencana",
            "Kelurahan Tangguh Bencana",
        ),
        ("warga di kawasan rawan bencana", "relawan", "pelajar"),
        ("Siaga Bencana", "Kediri Tangguh"),
        ("Undang-Undang Nomor 24 Tahun 2007 tentang Penanggulangan Bencana",),
    ),
    "kesbangpol": _domain(
        FUNGSI_LAIN,
        (TRANTIB,),
        ("Wawasan Kebangsaan", "Kerukunan Umat Beragama", "Pendidikan Politik", "Kewaspadaan Dini Masyarakat"),
        ("pemuda dan pelajar", "tokoh agama dan masyarakat", "organisasi kemasyarakatan"),
        ("Cinta Tanah Air", "Rukun Warga"),
        ("Undang-Undang Nomor 17 Tahun 2013 tentang Organisasi Kemasyarakatan",),
        bentuk="tata_kelola",
    ),
    "pengawasan": _domain(
        FUNGSI_LAIN,
        ("Keuangan",),
        (
            "Pengawasan Internal",
            "Pengaduan Masyarakat",
            "Pencegahan Korupsi",
            "Tindak Lanjut Temuan",
            "Manajemen Risiko",
        ),
        ("perangkat daerah", "auditor", "masyarakat pelapor"),
        ("Kediri Bebas Korupsi", "Zona Integritas"),
        (
            "Peraturan Pemerintah Nomor 12 Tahun 2017 tentang Pembinaan dan Pengawasan Penyelenggaraan "
            "Pemerintahan Daerah",
        ),
        bentuk="tata_kelola",
    ),
    "trantib": _domain(
        TRANTIB,
        ("Lingkungan Hidup",),
        (
            "Penegakan Perda",
            "Ketertiban Umum",
            "Pencegahan Kebakaran",
            "Perlindungan Masyarakat",
            "Patroli Wilayah",
        ),
        ("pedagang kaki lima", "warga kota", "anggota satuan perlindungan masyarakat"),
        ("Kediri Tertib", "Siaga Kebakaran"),
        ("Peraturan Pemerintah Nomor 16 Tahun 2018 tentang Satuan Polisi Pamong Praja",),
    ),
    "setwan": _domain(
        FUNGSI_LAIN,
        ("Komunikasi dan Informatika",),
        ("Aspirasi Masyarakat", "Persidangan DPRD", "Dokumentasi Produk Hukum DPRD", "Kunjungan Kerja"),
        ("anggota DPRD", "masyarakat penyampai aspirasi", "perangkat daerah mitra komisi"),
        ("Parlemen Terbuka",),
        ("Peraturan Pemerintah Nomor 12 Tahun 2018 tentang Pedoman Penyusunan Tata Tertib DPRD",),
        bentuk="tata_kelola",
    ),
    "pemerintahan": _domain(
        FUNGSI_LAIN,
        ("Pemberdayaan Masyarakat dan Desa",),
        ("Kerja Sama Daerah", "Administrasi Pemerintahan", "Evaluasi Penyelenggaraan Pemerintahan", "Agenda Pimpinan"),
        ("perangkat daerah", "kecamatan dan kelurahan", "mitra kerja sama daerah"),
        ("Tertib Administrasi",),
        (),
        bentuk="tata_kelola",
    ),
    "organisasi": _domain(
        FUNGSI_LAIN,
        ("Kepegawaian",),
        ("Standar Pelayanan", "Reformasi Birokrasi", "Analisis Jabatan", "Survei Kepuasan Masyarakat"),
        ("perangkat daerah", "unit pelayanan publik", "masyarakat pengguna layanan"),
        ("Birokrasi Bersih dan Melayani",),
        ("Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design Reformasi Birokrasi 2010-2025",),
        bentuk="tata_kelola",
    ),
    "hukum": _domain(
        FUNGSI_LAIN,
        (TRANTIB,),
        ("Produk Hukum Daerah", "Bantuan Hukum Masyarakat", "Dokumentasi Hukum", "Kesadaran Hukum"),
        ("perangkat daerah", "warga kurang mampu", "kelompok sadar hukum"),
        ("Kelurahan Sadar Hukum",),
        ("Undang-Undang Nomor 12 Tahun 2011 tentang Pembentukan Peraturan Perundang-undangan",),
        bentuk="tata_kelola",
    ),
    "perekonomian": _domain(
        "Perdagangan",
        ("Pangan", "Koperasi, UKM"),
        ("Pengendalian Inflasi", "Kinerja BUMD", "Harga Pangan Strategis"),
        ("perangkat daerah", "badan usaha milik daerah", "konsumen"),
        ("Kediri Stabil Harga",),
        ("Peraturan Pemerintah Nomor 54 Tahun 2017 tentang Badan Usaha Milik Daerah",),
        bentuk="tata_kelola",
    ),
    "pbj": _domain(
        FUNGSI_LAIN,
        ("Keuangan", "Koperasi, UKM"),
        ("Pengadaan Barang dan Jasa", "Katalog Elektronik Lokal", "Pendampingan Pengadaan", "Produk Dalam Negeri"),
        ("pejabat pengadaan", "penyedia lokal", "pelaku usaha kecil"),
        ("Belanja Produk Lokal",),
        ("Peraturan Presiden Nomor 12 Tahun 2021 tentang Pengadaan Barang/Jasa Pemerintah",),
        bentuk="tata_kelola",
    ),
    "kecamatan": _domain(
        "Pemberdayaan Masyarakat dan Desa",
        (TRANTIB, "Administrasi Kependudukan dan Pencatatan Sipil"),
        ("Pelayanan Administrasi Terpadu", "Pemberdayaan Masyarakat", "Pengaduan Warga", "Surat Keterangan"),
        ("warga kecamatan", "ketua RT dan RW", "pelaku usaha kecil"),
        ("Guyub Rukun", "Warga Berdaya"),
        ("Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan",),
    ),
    "kelurahan": _domain(
        "Pemberdayaan Masyarakat dan Desa",
        ("Lingkungan Hidup", "Kesehatan", "Sosial"),
        ("Surat Pengantar", "Posyandu", "Bank Sampah", "Pemberdayaan Ekonomi Warga", "Data Warga"),
        ("warga kelurahan", "kader posyandu", "ketua RT dan RW"),
        ("Kampung Bersih", "Warga Peduli"),
        (
            "Peraturan Menteri Dalam Negeri Nomor 130 Tahun 2018 tentang Kegiatan Pembangunan Sarana dan "
            "Prasarana Kelurahan",
        ),
    ),
}

DOMAIN_OF_OPD = {
    "Diskominfo": "kominfo",
    "Dinkes": "kesehatan",
    "Dispendik": "pendidikan",
    "DPUPR": "pu",
    "Disperkim": "perkim",
    "Dinsos": "sosial",
    "Dispendukcapil": "adminduk",
    "DPMPTSP": "perizinan",
    "Dishub": "perhubungan",
    "DLHKP": "lingkungan",
    "DP3AP2KB": "p3akb",
    "DKPP": "pangan",
    "Dinkop UM": "koperasi",
    "Disperdagin": "perdagangan",
    "Disnaker": "tenaga_kerja",
    "Disbudparpora": "budpar",
    "Dispusip": "perpustakaan",
    "Bappeda": "perencanaan",
    "BPKAD": "keuangan",
    "BKPSDM": "kepegawaian",
    "Bapenda": "pendapatan",
    "BPBD": "bencana",
    "Bakesbangpol": "kesbangpol",
    "Inspektorat": "pengawasan",
    "Satpol PP": "trantib",
    "RSUD Gambiran": "rumah_sakit",
    "Setwan": "setwan",
    "Setda": "pemerintahan",
    "Bag. Organisasi": "organisasi",
    "Bag. Hukum": "hukum",
    "Bag. Pemerintahan": "pemerintahan",
    "Bag. Perekonomian": "perekonomian",
    "Bag. PBJ": "pbj",
}
DOMAIN_OF_KIND = {"kecamatan": "kecamatan", "kelurahan": "kelurahan", "puskesmas": "kesehatan", "sekolah": "sekolah"}
PLACE_KINDS = {"kecamatan", "kelurahan", "puskesmas", "sekolah"}
HEAD_OF_KIND = {
    "dinas": "Kepala Dinas",
    "badan": "Kepala Badan",
    "sekretariat": "Sekretaris Daerah",
    "kecamatan": "Camat",
    "kelurahan": "Lurah",
    "puskesmas": "Kepala Puskesmas",
    "sekolah": "Kepala Sekolah",
}
HEAD_OF_OPD = {
    "Inspektorat": "Inspektur",
    "Satpol PP": "Kepala Satuan Polisi Pamong Praja",
    "RSUD Gambiran": "Direktur RSUD Gambiran",
    "Setwan": "Sekretaris DPRD",
}

# Innovation names: (template, is digital). {topic}, {acr}, {brand} and {kw} come from the domain.
DIGITAL_TEMPLATES = (
    ("SI-{acr}: Sistem Informasi {topic}", True),
    ("Aplikasi {brand} untuk {topic}", True),
    ("Layanan {topic} Daring", True),
    ("Dasbor {topic} Terintegrasi", True),
)
OTHER_TEMPLATES = (
    ("Layanan {topic} Keliling", False),
    ("Jemput Bola {topic}", False),
    ("Pojok {topic}", False),
    ("Klinik {topic}", False),
    ("Pendampingan {topic} Berbasis Masyarakat", False),
)
ACRONYM_STOPWORDS = {"dan", "di", "ke", "untuk", "bagi", "yang", "dari"}

LEGAL_OPENERS = (
    "Inovasi ini disusun dan dilaksanakan dengan berpedoman pada peraturan berikut:",
    "Landasan hukum pelaksanaan inovasi ini adalah:",
)
PROSE = {
    "permasalahan": (
        "Sebelum inovasi ini diterapkan, layanan {topic} di {opd} masih dikerjakan secara manual dan dicatat "
        "dalam beberapa buku register yang berbeda.",
        "Banyak {target} harus datang berulang kali, menunggu lama, dan tidak mendapat kepastian tentang waktu "
        "penyelesaian layanan.",
        "Data yang tersebar menyulitkan pimpinan untuk memantau capaian dan mengambil keputusan yang cepat serta "
        "tepat sasaran.",
        "Hasil survei kepuasan masyarakat tahun {prev} menunjukkan bahwa keluhan terbanyak berkaitan dengan "
        "lamanya proses dan minimnya informasi layanan.",
        "Jumlah petugas yang terbatas dibandingkan jumlah {target} yang harus dilayani membuat beban kerja tidak "
        "merata antarwilayah.",
        "Koordinasi antarbidang dan dengan kelurahan belum berjalan optimal karena belum ada sarana berbagi "
        "informasi yang sama.",
        "Partisipasi {target} juga masih rendah karena informasi tentang {topic} belum tersampaikan secara luas "
        "dan mudah dipahami.",
    ),
    "isu_strategis": (
        "Inovasi ini menjawab isu strategis dalam RPJMD {city}, yaitu peningkatan kualitas pelayanan publik yang "
        "cepat, mudah, dan terjangkau.",
        "Urusan {topic} termasuk dalam indikator kinerja utama {opd} dan menjadi perhatian pemerintah pusat.",
        "Pemerintah {city} menargetkan transformasi digital layanan dan penguatan data sebagai dasar perencanaan "
        "pembangunan daerah.",
        "Inovasi ini mendukung pencapaian standar pelayanan minimal serta tujuan pembangunan berkelanjutan di "
        "tingkat daerah.",
        "Keterbatasan anggaran menuntut perangkat daerah untuk bekerja lebih efisien dengan memanfaatkan sumber "
        "daya yang sudah tersedia.",
        "Tuntutan keterbukaan informasi publik mendorong {opd} untuk menyajikan data layanan secara transparan "
        "dan dapat diakses kapan saja.",
    ),
    "metode_pembaharuan": (
        "{name} mengubah cara kerja lama dengan menyatukan seluruh tahapan layanan {topic} ke dalam satu alur "
        "yang jelas dan terdokumentasi.",
        "Petugas tidak lagi menunggu {target} datang, melainkan aktif menjemput bola berdasarkan data sasaran "
        "yang diperbarui setiap bulan.",
        "Setiap permohonan diberi nomor registrasi sehingga statusnya dapat dipantau oleh pemohon maupun "
        "pimpinan secara langsung.",
        "Standar operasional prosedur juga diperbarui sehingga langkah layanan dipangkas dari tujuh tahap menjadi "
        "empat tahap.",
        "Kolaborasi dengan kelurahan, kader, dan komunitas setempat menjadi bagian penting dari metode yang "
        "dikembangkan.",
        "Data hasil layanan diolah menjadi dasbor sederhana yang dipakai sebagai bahan rapat evaluasi rutin "
        "setiap bulan.",
    ),
    "keunggulan": (
        "Keunggulan utama inovasi ini adalah kemudahan akses karena {target} cukup memakai telepon genggam atau "
        "datang ke titik layanan terdekat.",
        "Inovasi ini berbiaya rendah karena memanfaatkan sarana yang sudah dimiliki {opd} tanpa pengadaan "
        "perangkat baru yang mahal.",
        "Kebaruannya terletak pada integrasi data lintas bidang yang sebelumnya berjalan sendiri-sendiri.",
        "Model layanan ini mudah direplikasi oleh perangkat daerah lain maupun kelurahan karena prosedurnya "
        "sederhana dan terdokumentasi.",
        "Seluruh proses tercatat sehingga akuntabilitas petugas meningkat dan potensi pungutan liar dapat "
        "dicegah sejak awal.",
        "Inovasi ini juga ramah bagi kelompok rentan, termasuk lansia dan penyandang disabilitas, karena "
        "menyediakan pendampingan langsung.",
    ),
    "cara_kerja": (
        "Pertama, petugas {opd} memperbarui data sasaran layanan {topic} dan membagikannya kepada koordinator wilayah.",
        "Kedua, {target} mengajukan permohonan atau melapor melalui formulir daring, layanan pesan, atau langsung "
        "kepada petugas di lapangan.",
        "Ketiga, permohonan diverifikasi paling lambat satu hari kerja dan hasil verifikasi diinformasikan "
        "kembali kepada pemohon.",
        "Keempat, petugas menindaklanjuti layanan sesuai standar dan mengunggah dokumentasi kegiatan sebagai "
        "bukti pelaksanaan.",
        "Kelima, kepala bidang memantau capaian melalui rekapitulasi mingguan dan memberikan arahan bila "
        "ditemukan hambatan.",
        "Terakhir, hasil pelaksanaan dievaluasi setiap triwulan bersama pemangku kepentingan untuk perbaikan "
        "yang berkelanjutan.",
    ),
}
ORDERED_PROSE = {"cara_kerja"}  # its sentences are steps: never shuffled
TUJUAN = (
    "Meningkatkan kualitas layanan {topic} bagi {target} di {city} agar lebih cepat, mudah, dan terukur.",
    "Memperluas jangkauan layanan {topic} sehingga seluruh {target} dapat terlayani tanpa hambatan jarak dan waktu.",
)
MANFAAT = (
    "Waktu layanan menjadi lebih singkat, biaya yang dikeluarkan {target} berkurang, dan data layanan tersedia "
    "secara lengkap untuk perencanaan.",
    "Pimpinan {opd} dapat memantau capaian setiap saat, sementara {target} memperoleh kepastian layanan.",
)
HASIL = (
    "Sejak diterapkan pada {impl_year}, sebanyak {served} {target} telah terlayani dengan tingkat kepuasan "
    "{satisfaction}% dan waktu penyelesaian rata-rata turun dari {before} hari menjadi {after} hari."
)
DEVELOPMENT_NOTE = (
    "Pengembangan dari inovasi yang diajukan pada IGA {year}: cakupan layanan diperluas ke seluruh wilayah "
    "dan ditambah fitur pelaporan daring."
)
ASN_INITIATORS = ("Andi Prasetyo, S.Kom.", "dr. Retno Kusumawati", "Siti Nurhayati, S.Pd.", "Hendra Gunawan, S.T.")
COMMUNITY_INITIATORS = ("Forum Anak Kota Kediri", "Karang Taruna Kota Kediri", "Komunitas Relawan TIK Kediri")
DPRD_INITIATORS = ("Komisi A DPRD Kota Kediri", "Komisi C DPRD Kota Kediri")

SID_SUBJECTS = {
    "16": "SK {head} tentang Penetapan Inovasi {name}",
    "17": "SK {head} tentang Tim Pengelola {name}",
    "18": "Dokumen Pelaksanaan Anggaran {opd} untuk {name}",
    "19": "Daftar Sarana dan Prasarana Pendukung {name}",
    "20": "Laporan Bimbingan Teknis {name}",
    "21": "Kutipan RKPD {city} yang Memuat {name}",
    "22": "Daftar Aktor dan Mitra {name}",
    "23": "SK {head} tentang Pelaksana {name}",
    "24": "Perjanjian Kerja Sama Jejaring {name}",
    "25": "Dokumentasi Sosialisasi {name}",
    "26": "Pedoman Teknis {name}",
    "27": "Tangkapan Layar Informasi Layanan {name}",
    "28": "Standar Operasional Prosedur {name}",
    "29": "Rekapitulasi Penyelesaian Pengaduan {name}",
    "30": "Laporan Integrasi Layanan {name}",
    "31": "Surat Keterangan Replikasi {name}",
    "32": "Laporan Kecepatan Penciptaan {name}",
    "33": "Laporan Kemanfaatan {name}",
    "34": "Laporan Monitoring dan Evaluasi {name}",
    "35": "Video Inovasi {name}",
}
SPD_SUBJECTS = {
    "1": "Perda Kota Kediri tentang RPJMD 2025-2029",
    "2a": "Perda APBD Kota Kediri Tahun Anggaran 2024, 2025 dan 2026",
    "2b": "Rekapitulasi Belanja Wajib (Mandatory Spending) APBD 2026",
    "3": "Laporan Kinerja Pelayanan Perizinan Tahun 2025",
    "4": "Publikasi BPS tentang PDRB per Kapita Kota Kediri 2025",
    "5a": "Publikasi BPS tentang Tingkat Pengangguran Terbuka Kota Kediri 2024-2025",
    "5b": "Publikasi BPS tentang Tingkat Pengangguran Terbuka Kota Kediri 2025",
    "6": "Laporan Realisasi Investasi Kota Kediri 2024-2025",
    "7": "Laporan Realisasi Pendapatan Asli Daerah 2024-2025",
    "8": "Laporan Hasil Pemeriksaan BPK atas LKPD Kota Kediri 2025",
    "9": "Hasil Evaluasi SAKIP Kota Kediri Tahun 2025",
    "10a": "Publikasi BPS tentang Penduduk Miskin Kota Kediri 2024-2025",
    "10b": "Publikasi BPS tentang Persentase Penduduk Miskin Kota Kediri 2025",
    "11a": "Publikasi BPS tentang IPM Kota Kediri 2024-2025",
    "11b": "Publikasi BPS tentang IPM Kota Kediri 2025",
    "12": "SK Wali Kota Kediri tentang Penghargaan Inovator Daerah 2025",
    "13a": "Daftar Rekomendasi Kebijakan Hasil Kajian Bappeda 2025",
    "13b": "Hasil Penilaian Indeks Kualitas Kebijakan Kota Kediri 2025",
    "14": "Rencana Induk dan Peta Jalan Pemajuan Iptek Daerah Kota Kediri",
    "15": "Dokumentasi Fasilitasi HAKI Inovasi Daerah 2025",
}
SPD_ANSWERED = 15


# --- the plan: what to create, derived from the seed and the static demo organisation -------------


@dataclass(frozen=True)
class Unit:
    name: str
    short_name: str
    kind: str
    code: int  # the xx of the 419.xx document numbers

    @property
    def domain(self):
        return DOMAINS[DOMAIN_OF_OPD.get(self.short_name) or DOMAIN_OF_KIND[self.kind]]

    @property
    def place(self):
        place = self.short_name.split(" ", 1)[1] if self.kind in {"kecamatan", "kelurahan", "puskesmas"} else ""
        return "Kecamatan Kota" if self.short_name == "Kec. Kota" else place or self.short_name


@dataclass(frozen=True)
class Plan:
    year: int
    unit: Unit
    name: str
    topic: str
    digital: bool
    status: str
    seed: int
    predecessor_year: int | None = None


def demo_units():
    return [
        Unit(name, short_name, kind, code)
        for code, (name, short_name, kind, _parent, _bidang) in enumerate(demo_data.UNITS, start=10)
    ]


def allocate(rng, units, year):
    """How many innovations each unit gets in a year: the fixed minimums, then weighted draws."""
    counts = {unit.short_name: 0 for unit in units}
    if year == CURRENT_YEAR:
        for unit in units:
            counts[unit.short_name] = len(OPERATOR_MIX.get(unit.short_name, ())) or BASE_PER_KIND.get(unit.kind, 0)
    drawable = [unit for unit in units if unit.short_name not in OPERATOR_MIX or year != CURRENT_YEAR]
    weights = [KIND_WEIGHTS[unit.kind] for unit in drawable]
    while sum(counts.values()) < TOTALS[year]:
        unit = rng.choices(drawable, weights)[0]
        if counts[unit.short_name] < MAX_PER_OPD[year]:
            counts[unit.short_name] += 1
    return counts


def status_deck(rng, year, size):
    """Exactly `size` statuses in the year's proportions, shuffled."""
    shares, rest = (CURRENT_SHARES, "draft") if year == CURRENT_YEAR else (EARLIER_SHARES, "dikirim")
    deck = [status for status, share in shares for _ in range(round(share * size))]
    deck += [rest] * (size - len(deck))
    rng.shuffle(deck)
    return deck


def acronym(topic):
    words = [word for word in topic.split() if word.lower() not in ACRONYM_STOPWORDS]
    return words[0].upper() if len(words) == 1 else "".join(word[0] for word in words).upper()


def brand(rng, topic):
    last = [word for word in topic.split() if word.isalpha()][-1].capitalize()
    return rng.choice((f"Si{last}", f"e-{last}", f"{last}Ku"))


def innovation_name(rng, unit, used):
    """A new name for the unit from the domain's templates: (name, topic, is digital)."""
    domain = unit.domain
    templates = (*DIGITAL_TEMPLATES, *OTHER_TEMPLATES, (domain.gerakan, False))
    for _attempt in range(100):
        template, digital = rng.choice(templates)
        topic = rng.choice(domain.topics)
        name = template.format(topic=topic, acr=acronym(topic), brand=brand(rng, topic), kw=rng.choice(domain.keywords))
        if unit.kind in PLACE_KINDS and rng.random() < 0.6:
            name = f"{name} {unit.place}"
        if name not in used:
            used.add(name)
            return name, topic, digital
    raise RuntimeError(f"No free innovation name left for {unit.short_name}")


def plan_year(rng, units, year, earlier_names):
    """The year's innovations in UNITS order; some current ones continue an earlier one of the same OPD."""
    counts = allocate(rng, units, year)
    mixes = OPERATOR_MIX if year == CURRENT_YEAR else {}
    deck = status_deck(rng, year, TOTALS[year] - sum(len(mix) for mix in mixes.values()))
    plans = []
    for unit in units:
        used = set()
        statuses = list(mixes.get(unit.short_name, ())) or [deck.pop() for _ in range(counts[unit.short_name])]
        plans += [plan_one(rng, unit, year, used, earlier_names, status) for status in statuses]
    return plans


def plan_one(rng, unit, year, used, earlier_names, status):
    continued = [item for item in earlier_names.get(unit.short_name, ()) if item[1][0] not in used]
    if continued and rng.random() < 0.3:
        predecessor_year, (name, topic, digital) = rng.choice(continued)
        used.add(name)
        return Plan(year, unit, name, topic, digital, status, rng.getrandbits(32), predecessor_year)
    name, topic, digital = innovation_name(rng, unit, used)
    return Plan(year, unit, name, topic, digital, status, rng.getrandbits(32))


def demo_plan():
    """Every innovation of the demo, oldest period first (a continuation needs its predecessor)."""
    rng = random.Random(SEED)  # noqa: S311 -- demo data, not security
    units = demo_units()
    earlier_names, plans = {}, []
    for year in (ARCHIVED_YEAR, PREVIOUS_YEAR, CURRENT_YEAR):
        year_plans = plan_year(rng, units, year, earlier_names if year == CURRENT_YEAR else {})
        for plan in year_plans:
            earlier_names.setdefault(plan.unit.short_name, []).append((year, (plan.name, plan.topic, plan.digital)))
        plans += year_plans
    return plans


# --- periods ------------------------------------------------------------------------------------------


def jakarta(day, hour=0, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=JAKARTA)


def seed_periods():
    """The current period open for entry, a closed IGA 2025 copied from it; IGA 2023 stays archived."""
    current = Period.objects.get(year=CURRENT_YEAR)
    if current.entry_opens_at is None and current.entry_closes_at is None:
        today = timezone.localdate(timezone=JAKARTA)
        current.status = Period.Status.OPEN
        current.entry_opens_at = jakarta(min(ENTRY_OPENS, today))
        current.entry_closes_at = jakarta(today + datetime.timedelta(days=ENTRY_DAYS), 23, 59)
        current.review_deadline = current.entry_closes_at + datetime.timedelta(days=REVIEW_DAYS)
        current.save()
    if not Period.objects.filter(year=PREVIOUS_YEAR).exists():
        previous = copy_catalogue(current, PREVIOUS_YEAR)
        previous.name = f"IGA {PREVIOUS_YEAR}"
        previous.status = Period.Status.CLOSED
        previous.entry_opens_at = jakarta(datetime.date(PREVIOUS_YEAR, 6, 1))
        previous.entry_closes_at = jakarta(datetime.date(PREVIOUS_YEAR, 8, 29), 23, 59)
        previous.review_deadline = previous.entry_closes_at + datetime.timedelta(days=REVIEW_DAYS)
        previous.save()
    # Illustrative official results (demo figures, not Kemendagri's), so the years chart shows them.
    for year, official in OFFICIAL_RESULTS.items():
        Period.objects.filter(year=year, official_iid=None).update(**official)
    return {period.year: period for period in Period.objects.filter(year__in=TOTALS)}


# --- creating the records -----------------------------------------------------------------------------


@dataclass
class Context:
    """Everything the creation needs, loaded once."""

    periods: dict
    opds: dict
    bidang: dict
    options: dict  # (kind, code) -> the option of the lists every period shares
    own_options: dict  # (kind, period id) -> the options of a year's own list (2026's klasifikasi ...)
    urusan: dict
    indicators: dict
    users: dict
    kepalas: dict  # OPD short name -> its kepala (who endorses its submissions)
    admin: User
    pendamping: User


def own_options():
    found = {}
    for option in ReferenceOption.objects.filter(period__isnull=False, is_active=True).order_by("order", "id"):
        found.setdefault((option.kind, option.period_id), []).append(option)
    return found


def load_context(periods):
    operators = {opd: username for username, _n, role, opd in demo_data.ACCOUNTS if role == "operator"}
    users = {opd: User.objects.get(username=username) for opd, username in operators.items()}
    bidang = {}
    for item in Bidang.objects.order_by("id"):
        bidang.setdefault(item.opd_id, []).append(item)
    return Context(
        periods=periods,
        opds={opd.short_name: opd for opd in Opd.objects.all()},
        bidang=bidang,
        options={(option.kind, option.code): option for option in ReferenceOption.objects.filter(period=None)},
        own_options=own_options(),
        urusan={urusan.name: urusan for urusan in Urusan.objects.all()},
        indicators={
            year: list(period.indicators.filter(is_archived=False).order_by("scope", "order"))
            for year, period in periods.items()
        },
        users=users,
        kepalas={
            membership.opd.short_name: membership.user
            for membership in Membership.objects.active().filter(role=Role.KEPALA).select_related("opd", "user")
        },
        admin=User.objects.get(username="admin"),
        pendamping=User.objects.get(username="pendamping"),
    )


@dataclass
class Built:
    """One innovation and its rows, built in memory and saved together with the rest of its period."""

    plan: Plan
    inovasi: Inovasi
    urusan_lain: list
    answers: list
    evidence: list
    asta_cita: list


def seed_innovations(context):
    existing = set(Inovasi.objects.values_list("period__year", "opd__short_name", "name"))
    missing = [plan for plan in demo_plan() if (plan.year, plan.unit.short_name, plan.name) not in existing]
    # Oldest period first: a continued innovation needs its predecessor in the database.
    for year in sorted(TOTALS):
        batch = [build_innovation(plan, context) for plan in missing if plan.year == year]
        save_batch(batch)
        if year == CURRENT_YEAR:
            take_through_workflow(batch, context)


def take_through_workflow(batch, context):
    """Each new IGA 2026 draft goes to its planned status by the workflow's own transitions.

    Only innovations created in this run: an existing one keeps its history, so nothing is replayed twice.
    """
    started = timezone.now()
    for item in batch:
        actors = demo_review.Actors(
            operator=context.users.get(item.plan.unit.short_name, context.admin),
            pendamping=context.pendamping,
            admin=context.admin,
            kepala=context.kepalas.get(item.plan.unit.short_name, context.admin),
        )
        demo_review.replay(item.inovasi, item.plan.status, seed=item.plan.seed, actors=actors, started=started)


def build_innovation(plan, context):
    rng = random.Random(plan.seed)  # noqa: S311 -- demo data, not security
    user = context.users.get(plan.unit.short_name, context.admin)
    opd = context.opds[plan.unit.short_name]
    items = asked_items(plan, context)
    asta_cita = items.pop("asta_cita", [])
    inovasi = Inovasi(
        period=context.periods[plan.year],
        opd=opd,
        bidang=pick_bidang(rng, context.bidang.get(opd.pk, [])),
        name=plan.name,
        status=initial_status(plan),
        created_by=user,
        predecessor=predecessor(plan, opd),
        development_note=DEVELOPMENT_NOTE.format(year=plan.predecessor_year) if plan.predecessor_year else "",
        **profile(rng, plan, context),
        **items,
    )
    if plan.predecessor_year:
        first_applied(inovasi, plan.predecessor_year)
    inovasi._history_user = user
    urusan_lain = [context.urusan[name] for name in other_urusan(rng, plan)]
    answers, evidence = build_answers(rng, inovasi, plan, context.indicators[plan.year], user)
    return Built(plan, inovasi, urusan_lain, answers, evidence, asta_cita)


def initial_status(plan):
    """A draft in the current period (the workflow takes it further). The earlier periods' innovations are
    imported history: the rules of a closed period (its window, its reviewers) cannot be replayed, so their
    final status is assigned directly and they have no status history.
    """
    return Inovasi.Status.DRAFT if plan.year == CURRENT_YEAR else plan.status


def save_batch(batch):
    """A few bulk inserts (with history rows) for the whole batch, then each innovation's completeness.

    The urusan_lain links get no history rows: acceptable for demo data.
    """
    if not batch:
        return
    bulk_create_with_history([item.inovasi for item in batch], Inovasi)
    through = Inovasi.urusan_lain.through
    through.objects.bulk_create(
        through(inovasi=item.inovasi, urusan=urusan) for item in batch for urusan in item.urusan_lain
    )
    chosen = Inovasi.asta_cita.through
    chosen.objects.bulk_create(
        chosen(inovasi=item.inovasi, referenceoption=option) for item in batch for option in item.asta_cita
    )
    bulk_create_with_history([answer for item in batch for answer in item.answers], Answer)
    bulk_create_with_history([evidence for item in batch for evidence in item.evidence], Evidence)
    for item in batch:
        refresh_completeness(item.inovasi)


def pick_bidang(rng, bidang):
    working = [item for item in bidang if item.name != "Sekretariat"] or bidang
    return rng.choice(working) if working and rng.random() < 0.85 else None


def predecessor(plan, opd):
    if not plan.predecessor_year:
        return None
    return Inovasi.objects.filter(period__year=plan.predecessor_year, opd=opd, name=plan.name).first()


def profile(rng, plan, context):
    """The form's profile fields: options, urusan, dates and the written parts."""
    domain, year = plan.unit.domain, plan.year
    words = rng.randint(140, 270) if plan.status == "draft" and rng.random() < 0.4 else rng.randint(305, 420)
    trial, implementation = dates(rng, year)
    prose = prose_values(rng, plan)
    stage = choose_tahapan(rng, year)
    values = {
        "tahapan": context.options["tahapan", stage],
        "jenis": context.options["jenis", "digital" if plan.digital or rng.random() < 0.15 else "non_digital"],
        "bentuk": context.options["bentuk", choose_bentuk(rng, domain, context.options)],
        "tematik": context.options["tematik", choose_tematik(rng, plan, context.options)],
        "urusan_utama": context.urusan[domain.urusan],
        # Only the dates the stage has (inovasi.dates): none yet at inisiatif, no implementation at uji coba.
        "trial_date": trial if STAGE_DATES[stage].trial else None,
        "implementation_date": implementation if STAGE_DATES[stage].implementation else None,
        "video_url": video_url(rng) if rng.random() < 0.4 else "",
        **initiator(rng, plan, context),
        **rancang_bangun(rng, plan, prose, words),
    }
    return values | outcomes(rng, prose, implementation)


def asked_items(plan, context):
    """The items the period's form asks beyond the core (2026: location, classification, Asta Cita and
    programme; the HAKI and award documents are optional and left out). Drawn from a generator of their
    own, so the rest of the demo is what it was before the items existed."""
    period = context.periods[plan.year]
    rng = random.Random(f"{plan.seed}-items")  # noqa: S311 -- demo data, not security

    def pick(kind, count=1):
        own = context.own_options.get((kind, period.pk), [])
        return rng.sample(own, count)

    values = {}
    if period.asks("lokasi"):
        values["latitude"] = Decimal(f"{rng.uniform(-7.86, -7.77):.6f}")
        values["longitude"] = Decimal(f"{rng.uniform(111.99, 112.05):.6f}")
        values["address"] = f"{plan.unit.name}, {plan.unit.place}, Kota Kediri"
    if period.asks("klasifikasi"):
        values["klasifikasi"] = pick("klasifikasi")[0]
    if period.asks("asta_cita"):
        values["asta_cita"] = pick("asta_cita", rng.randint(1, 3))
    if period.asks("program_prioritas"):
        values["program_prioritas"] = pick("program_prioritas")[0]
    return values


def pick_code(rng, options, kind):
    """A random code of the option list `kind`, from the (kind, code) → option map in the lists' order."""
    return rng.choice([code for option_kind, code in options if option_kind == kind])


def choose_bentuk(rng, domain, options):
    return domain.bentuk if rng.random() < 0.7 else pick_code(rng, options, "bentuk")


def choose_tahapan(rng, year):
    weights = (8, 17, 75) if year == CURRENT_YEAR else (3, 7, 90)
    return rng.choices(("inisiatif", "uji_coba", "penerapan"), weights)[0]


def choose_tematik(rng, plan, options):
    if plan.digital and rng.random() < 0.5:
        return "digitalisasi_layanan"
    return plan.unit.domain.tematik if rng.random() < 0.6 else pick_code(rng, options, "tematik")


def initiator(rng, plan, context):
    code = rng.choices(("opd", "kepala_daerah", "asn", "masyarakat", "anggota_dprd"), (70, 8, 12, 6, 4))[0]
    names = {
        "opd": plan.unit.name,
        "kepala_daerah": "Wali Kota Kediri",
        "asn": rng.choice(ASN_INITIATORS),
        "masyarakat": rng.choice(COMMUNITY_INITIATORS),
        "anggota_dprd": rng.choice(DPRD_INITIATORS),
    }
    return {"inisiator": context.options["inisiator", code], "inisiator_name": names[code]}


def first_applied(inovasi, year):
    """A continued innovation keeps the dates it was first tried and applied, in an earlier assessment's
    window: older than this period's window, it is taken because its development note explains what
    changed since (inovasi.dates.eligibility_problem)."""
    for name in ("trial_date", "implementation_date"):
        day = getattr(inovasi, name)
        if day is not None:
            shifted = day.year + year - inovasi.period.year  # the same place in the earlier window
            setattr(inovasi, name, day.replace(year=shifted, day=min(day.day, 28)))


def dates(rng, year):
    """Trial and implementation dates in the two years before the period, implementation not before trial."""
    trial = datetime.date(year - 2, 1, 1) + datetime.timedelta(days=rng.randint(0, 520))
    implementation = trial + datetime.timedelta(days=rng.randint(30, 240))
    return trial, min(implementation, datetime.date(year - 1, 12, 31))


def video_url(rng):
    return YOUTUBE + "".join(rng.choices(string.ascii_letters + string.digits + "-_", k=11))


def other_urusan(rng, plan):
    others = list(plan.unit.domain.others)
    if plan.digital and plan.unit.domain.urusan != "Komunikasi dan Informatika":
        others.append("Komunikasi dan Informatika")
    others = list(dict.fromkeys(others))
    return rng.sample(others, k=min(len(others), rng.choice((1, 2)))) if rng.random() < 0.45 else []


def prose_values(rng, plan):
    return {
        "name": plan.name,
        "opd": plan.unit.name,
        "topic": plan.topic.lower(),
        "target": rng.choice(plan.unit.domain.targets),
        "city": CITY,
        "prev": plan.year - 1,
    }


def rancang_bangun(rng, plan, values, target_words):
    """The six design parts, about `target_words` words together (never more than target + one sentence)."""
    parts = {"dasar_hukum": legal_basis(rng, plan)}
    pools = {
        field: list(sentences) if field in ORDERED_PROSE else rng.sample(sentences, len(sentences))
        for field, sentences in PROSE.items()
    }
    chosen = {field: [pool.pop(0)] for field, pool in pools.items()}
    total = len(parts["dasar_hukum"].split()) + sum(word_count(chosen[field], values) for field in chosen)
    while total < target_words and any(pools.values()):
        field = min((field for field in pools if pools[field]), key=lambda name: len(chosen[name]))
        sentence = pools[field].pop(0)
        chosen[field].append(sentence)
        total += len(sentence.format(**values).split())
    return parts | {field: " ".join(s.format(**values) for s in sentences) for field, sentences in chosen.items()}


def word_count(sentences, values):
    return sum(len(sentence.format(**values).split()) for sentence in sentences)


def legal_basis(rng, plan):
    laws = [*GENERAL_LAWS[: rng.randint(2, 4)], *plan.unit.domain.laws]
    if plan.digital and DIGITAL_LAW not in laws:
        laws.append(DIGITAL_LAW)
    laws.append(f"Peraturan Wali Kota Kediri Nomor {rng.randint(5, 60)} Tahun {plan.year - 2} tentang Inovasi Daerah")
    lines = [f"{number}. {law};" for number, law in enumerate(laws, start=1)]
    return "\n".join([rng.choice(LEGAL_OPENERS), *lines])[:-1] + "."


def outcomes(rng, values, implementation):
    before = rng.randint(5, 14)
    result = {
        "impl_year": implementation.year,
        "served": f"{rng.randint(3, 60) * 50:,}".replace(",", "."),
        "satisfaction": rng.randint(82, 97),
        "before": before,
        "after": rng.randint(1, max(1, before // 3)),
    }
    return {
        "tujuan": rng.choice(TUJUAN).format(**values),
        "manfaat": rng.choice(MANFAAT).format(**values),
        "hasil": HASIL.format(**values, **result),
    }


# --- answers and evidence -----------------------------------------------------------------------------


def build_answers(rng, inovasi, plan, indicators, user):
    """Levels for most SID indicators, and evidence for most of those answers.

    Beyond draft the innovation was submitted, so it passes the submission checklist: every mandatory
    indicator and every answered one has evidence.
    """
    sid = [indicator for indicator in indicators if indicator.scope == Indicator.Scope.SID]
    complete = plan.status != "draft"
    share = rng.uniform(0.8, 1.0) if complete else rng.uniform(0.5, 0.85)
    chosen = [item for item in sid if (item.is_mandatory and complete) or rng.random() < share]
    weights = (10, 40, 50) if plan.status in APPROVED else (30, 45, 25)
    answers = [
        Answer(inovasi=inovasi, indicator=item, level=rng.choices((1, 2, 3), weights)[0], updated_by=user)
        for item in chosen
    ]
    evidence = [evidence_for(rng, answer, plan, user) for answer in answers if complete or rng.random() < 0.75]
    for row in (*answers, *evidence):
        row._history_user = user
    return answers, evidence


def evidence_for(rng, answer, plan, user):
    number = answer.indicator.number
    head = HEAD_OF_OPD.get(plan.unit.short_name) or HEAD_OF_KIND.get(plan.unit.kind, "Kepala")
    template = SID_SUBJECTS.get(number, "Bukti Dukung Indikator {number} {name}")
    subject = template.format(head=head, name=plan.name, opd=plan.unit.name, city=CITY, number=number)
    document = document_data(rng, plan.unit.code, plan.year)
    if number == VIDEO_INDICATOR:
        return Evidence(answer=answer, kind="video", url=video_url(rng), subject=subject[:255], uploaded_by=user)
    content = pdf_bytes(f"IGA {plan.year} - {plan.unit.short_name}", f"Bukti dukung indikator {number}: {plan.name}")
    return file_evidence(answer, content, subject, f"bukti-{number}.pdf", user, **document)


def document_data(rng, code, year):
    day = datetime.date(year - 2, 1, 1) + datetime.timedelta(days=rng.randint(0, 729))
    return {"document_number": f"188.45/{rng.randint(1, 999)}/419.{code:02d}/{day.year}", "document_date": day}


def pdf_bytes(*lines):
    """A tiny valid PDF whose comments make every file different."""
    header, rest = MINIMAL_PDF.split(b"\n", 1)
    comments = b"".join(b"% " + line.encode() + b"\n" for line in lines)
    return header + b"\n" + comments + rest


def file_evidence(answer, content, subject, original_name, user, **document):
    evidence = Evidence(
        answer=answer,
        kind="pdf",
        subject=subject[:255],
        original_name=original_name,
        size=len(content),
        uploaded_by=user,
        **document,
    )
    evidence.file.save("upload.pdf", ContentFile(content), save=False)
    return evidence


SHARED_SK = "SK Wali Kota Kediri tentang Penetapan Inovasi Daerah Kota Kediri Tahun 2026"


def seed_shared_sk(period, admin):
    """The SK Wali Kota listing the year's innovations, uploaded once by Bappeda and attached to indicator
    16 (Regulasi) of every innovation still in the OPD's hands that claims it: one document, many
    attachments."""
    if SharedDocument.objects.filter(period=period, opd=None, subject=SHARED_SK).exists():
        return
    content = pdf_bytes(SHARED_SK)
    document = SharedDocument(
        period=period,
        opd=None,
        kind=Indicator.EvidenceKind.PDF,
        subject=SHARED_SK,
        document_number="188.45/112/419.033/2026",
        document_date=datetime.date(2026, 2, 3),
        original_name="sk-walikota-inovasi-daerah-2026.pdf",
        size=len(content),
    )
    document.file.save("upload.pdf", ContentFile(content), save=False)
    upload_shared_document(document, actor=admin)
    regulasi = period.indicators.get(scope=Indicator.Scope.SID, number="16")
    editable = Inovasi.objects.alive().for_period(period).filter(status__in=Inovasi.EDITABLE_STATUSES)
    claiming = editable.filter(answers__indicator=regulasi, answers__level__gt=0).select_related("period")
    attach_shared_document_to_many(document, regulasi, list(claiming), actor=admin)


def seed_spd(period, admin):
    """Region-level answers for most SPD indicators of the period, each with one PDF."""
    rng = random.Random(SEED)  # noqa: S311 -- demo data, not security
    indicators = list(period.indicators.filter(scope=Indicator.Scope.SPD, is_archived=False).order_by("order"))
    chosen = sorted(rng.sample(range(len(indicators)), min(SPD_ANSWERED, len(indicators))))
    bappeda_code = next(unit.code for unit in demo_units() if unit.short_name == "Bappeda")
    for index in chosen:
        indicator = indicators[index]
        level, document = rng.randint(1, 3), document_data(rng, bappeda_code, period.year)
        if Answer.objects.filter(indicator=indicator, inovasi=None).exists():
            continue
        answer = Answer(indicator=indicator, level=level, updated_by=admin)
        answer._history_user = admin
        answer.save()
        subject = SPD_SUBJECTS.get(indicator.number, indicator.name)
        content = pdf_bytes(f"IGA {period.year} - SPD", f"Bukti dukung indikator {indicator.number}: {subject}")
        evidence = file_evidence(answer, content, subject, f"bukti-{indicator.number}.pdf", admin, **document)
        evidence._history_user = admin
        evidence.save()


# --- entry point --------------------------------------------------------------------------------------


def seed():
    """Create whatever of the innovation demo is missing; return the counts for the command's output."""
    with demo_review.notices_without_mail():
        periods = seed_periods()  # opens the IGA 2026 window before any submission
        context = load_context(periods)
        seed_innovations(context)
        seed_spd(periods[CURRENT_YEAR], context.admin)
        seed_shared_sk(periods[CURRENT_YEAR], context.admin)
        demo_review.seed_mentoring(periods[CURRENT_YEAR], context.opds, context.pendamping, context.users)
    return summary(periods)


def summary(periods):
    per_period = [
        (periods[year].name, Inovasi.objects.filter(period=periods[year]).count()) for year in sorted(periods)[::-1]
    ]
    return {
        "periods": per_period,
        "inovasi": sum(count for _name, count in per_period),
        "answers": Answer.objects.filter(indicator__period__in=periods.values()).count(),
        "evidence": Evidence.objects.filter(answer__indicator__period__in=periods.values()).count(),
    }
