/**
 * Demo news (issue 8): the news items of the two seed documents, published,
 * with their text as in the sources (Indonesian, typos and the coklit date
 * error of seed 004 included: the news is quoted, not corrected), the place
 * and the people quoted. Seed 000 is dated by its own "Selasa (20/2)" of
 * 2018; seed 004 gives no publication day, so its Bimtek items carry the
 * Bimtek's first day (19 June 2024) and the coklit item the first day of
 * coklit in the PKPU 2/2024 calendar (24 June 2024).
 *
 * One more item, written for the demo from the domain's facts, waits for
 * review (diajukan), so the desk's review page has something to do.
 *
 * Generated once from ../shared/seeds/ (000 and 004) — edit with care.
 */
import type { Db } from '../db/connection.ts';
import { excerptOf, slugify, uniqueSlug } from '../../domain/news/news.ts';
import { sanitizeNewsHtml } from '../../domain/news/news-html.ts';
import { insertNews, insertNewsEvent } from './news.repository.ts';

interface DemoNews {
  readonly title: string;
  readonly place: string;
  readonly date: string;
  /** Paragraphs, as in the source. */
  readonly paragraphs: readonly string[];
  readonly people: readonly { name: string; jabatan: string; quote: string }[];
  readonly author: string;
  readonly status: 'terbit' | 'diajukan';
}

export const DEMO_NEWS: readonly DemoNews[] = [
  {
    title: 'ASN Pemkab Probolinggo Harus Sukseskan Pilkada Serentak',
    place: 'Kab. Probolinggo',
    date: '2018-02-20',
    paragraphs: [
      'Soeparwiyono PLH bupati worning ASN.',
      'Kab.Probolinggo, Bhirawa',
      'Aparatur Sipil Negara (ASN) di lingkungan Pemerintah Kabupaten (Pemkab) Probolinggo harus mensukseskan pelaksanaan Pemilihan Kepala Daerah (Pilkada) serentak pada 27 Juni 2018 mendatang.',
      'Untuk mensukseskan hal tersebut maka ASN harus hadir pada Tempat Pemungutan Suara (TPS) yang sudah ditentukan. Hal tersebut disampaikan oleh Pelaksana Tugas Harian (Plh) Bupati Probolinggo Soeparwiyono, Selasa (20/2).',
      '“Selaku ASN kita mempunyai hak untuk menentukan pilihan dan menyalurkan aspirasi kita untuk memilih pemimpin untuk 5 (lima) tahun mendatang. Semua ini harus kita lakukan untuk mendukung pelaksanaan Pilkada di Kabupaten Probolinggo agar berjalan aman, lancar dan sukses,” katanya.',
      'Kepala Bakesbangpol Kabupaten Probolinggo Agus Mukson menyampaikan bahwa Desk Pilkada Kabupaten Probolinggo diketuai oleh Sekretaris Daerah Kabupaten Probolinggo. Sementara Sekretarisnya adalah Kepala Bakesbangpol Kabupaten Probolinggo.',
      'Desk Pilkada ini terbagi dalam 3 (tiga) wilayah. Untuk Koordinator Wilayah (Korwil) I diketuai Asisten Administrasi Pemerintahan dan Kesra meliputi Kecamatan Sukapura, Lumbang, Tongas, Sumberasih, Wonomerto, Bantaran, Kuripan dan Sumber. Korwil II diketuai Asisten Administrasi Umum meliputi Kecamatan Dringu, Gending, Pajarakan, Krejengan, Maron, Banyuanyar, Tegalsiwalan dan Leces.',
      'Serta Korwil III diketuai Asisten Administrasi Perekonomian dan Pembangunan meliputi Kecamatan Kraksaan, Paiton, Kotaanyar, Pakuniran, Gading, Besuk, Krucil dan Tiris. Anggota masing-masing korwil adalah para pejabat di lingkungan Pemkab Probolinggo sesuai dengan pembina kecamatan masing-masing.',
      'Lebih lanjut Soeparwiyono mengatakan bahwa kegiatan Desk Pilkada dilakukan dalam rangka membantu mensukseskan pelaksanaan Pilkada serentak di Kabupaten Probolinggo pada 27 Juni 2018 mendatang.',
      '“Seluruh perangkat daerah semuanya mendapatkan tugas dan disesuaikan dengan pembina kecamatan masing-masing. Saya meminta agar tugas ini untuk dilaksanakan dengan sebaik-baiknya. Banyak-banyaklah komunikasi dan konsultasi dengan camat masing-masing,” katanya.',
      'Menurut Soeparwiyono, jumlah masyarakat yang memiliki hak pilih saat ini masih dalam proses coklit (pencocokan dan penelitian) yang dilakukan oleh KPU Kabupaten Probolinggo. Untuk tahun 2014 lalu, jumlah pemilih di Kabupaten Probolinggo mencapai 857.511 jiwa.',
      '“Pada Pilkada mendatang, jumlah TPS (Tempat Pemungutan Suara) mencapai 1.700 TPS yang tersebar pada 330 desa/kelurahan di 24 kecamatan se-Kabupaten Probolinggo. Saya memohon kekompakan dan kebersamaannya untuk bersama-sama mensukseskan pelaksanaan Pilkada tahun 2018,” pintanya.',
      'Soeparwiyono menyampaikan peran pemerintah daerah dalam mensukseskan pelaksanaan Pilkada dan pemilu serentak dilakukan melalui dukungan pemerintah daerah atas pelaksanaan Pilkada, pengendalian, pembentukan desk Pilkada dan sistem lapor cepat.',
      '“Hal-hal yang dilakukan pemerintah daerah diantaranya fasilitasi persiapan pelaksanaan Pilkada, fasilitasi pelaksanaan pilkada dengan membantu KPU mengenai hal-hal teknis Pilkada, koordinasi pelaksanaan Pilkada, penyiapan daftar penduduk potensial pemilih pemilihan (DP4) serta dukungan dalam rangka penyiapan dana Pilkada,” tegasnya.',
      'Secara umum desk Pilkada ini mempunyai tugas melakukan pemantauan pelaksanaan Pilkada, menginventarisir dan mengantisipasi permasalahan-permasalahan yang berkaitan dengan pelaksanaan Pilkada, memberikan saran dan penyelesaian permasalahan-permasalahan pelaksanaan Pilkada serta melaporkan informasi kepada Bupati mengenai pelaksanaan Pilkada, tambahnya.(wap)',
    ],
    people: [
      {
        name: 'Soeparwiyono',
        jabatan: 'Pelaksana Tugas Harian (Plh) Bupati Probolinggo',
        quote:
          'Selaku ASN kita mempunyai hak untuk menentukan pilihan dan menyalurkan aspirasi kita untuk memilih pemimpin untuk 5 (lima) tahun mendatang. Semua ini harus kita lakukan untuk mendukung pelaksanaan Pilkada di Kabupaten Probolinggo agar berjalan aman, lancar dan sukses',
      },
      {
        name: 'Soeparwiyono',
        jabatan: 'Pelaksana Tugas Harian (Plh) Bupati Probolinggo',
        quote:
          'Seluruh perangkat daerah semuanya mendapatkan tugas dan disesuaikan dengan pembina kecamatan masing-masing. Saya meminta agar tugas ini untuk dilaksanakan dengan sebaik-baiknya. Banyak-banyaklah komunikasi dan konsultasi dengan camat masing-masing',
      },
      {
        name: 'Soeparwiyono',
        jabatan: 'Pelaksana Tugas Harian (Plh) Bupati Probolinggo',
        quote:
          'Pada Pilkada mendatang, jumlah TPS (Tempat Pemungutan Suara) mencapai 1.700 TPS yang tersebar pada 330 desa/kelurahan di 24 kecamatan se-Kabupaten Probolinggo. Saya memohon kekompakan dan kebersamaannya untuk bersama-sama mensukseskan pelaksanaan Pilkada tahun 2018',
      },
      { name: 'Agus Mukson', jabatan: 'Kepala Bakesbangpol Kabupaten Probolinggo', quote: '' },
    ],
    author: 'Humas Pemkab Probolinggo',
    status: 'terbit',
  },
  {
    title: 'Sukseskan Coklit PILKADA Tahun 2024.',
    place: 'Kabupaten Probolinggo',
    date: '2024-06-24',
    paragraphs: [
      'Kab-probolinggo.kpu.go.id, Dalam Pemilihan Gubernur dan Wakil Gubernur Jawa Timur serta Pemilihan Bupati dan Wakil Bupati Probolinggo telah memasuki tahapan COKLIT (Pencocokan dan Penelitian) Data Pemilih yang dilakukan oleh PPDP/PANTARLIH (Petugas Pemutakhiran Data Pemilih) dimasing-masing Desa. Aliwafa selaku Ketua KPU Kabupaten Probolinggo mengajak kepada masyarakat untuk mensukseskan COKLIT dengan cara mempersiapkan data (KTP/KK) saat didatangi oleh PANTARLIH, ucapnya. Kegiatan Pencocokan dan Penelitian (COKLIT) Data Pemilih akan dilakukan dalan kurun waktu satu bulan terhitung mulai tanggal 24 Juli 2024 hingga 24 Juni 2024.',
    ],
    people: [{ name: 'Aliwafa', jabatan: 'Ketua KPU Kabupaten Probolinggo', quote: '' }],
    author: 'Operator KPU',
    status: 'terbit',
  },
  {
    title: 'BIMTEK Dan Orientasi Tugas Badan Adhoc PPS PILKADA 2024.',
    place: 'Bromo Park Hotel, Kota Probolinggo',
    date: '2024-06-19',
    paragraphs: [
      'Kab-probolinggo.kpu.go.id, Dalam kurun waktu 3 hari terhitung tanggal 19 s/d 21 Juni 2024 di Bromo Park Hotel Kota Probolinggo, Komisi Pemilihan Umum (KPU) Kabupaten Probolinggo melaksanakan kegiatan Bimbingan Teknis (BIMTEK) dan Orientasi Tugas Badan Adhoc PPS (Panitia Pemungutan Suara) Pemilihan Gubernur dan Wakil Gubernur serta Bupati dan Wakil Bupati. Kegiatan Bimtek dan Orientasi Tugas diikuti oleh 990 anggota PPS tersebar di 24 Kecamatan se Kabupaten Probolinggo yang terbagi dalam gelombang I, II dan III. Aliwafa selaku Ketua KPU Kabupaten Probolinggo saat membuka acara menyampaikan untuk menjadi anggota PPS sayaratnya adalah 2M. M yang pertama adalah mau dimana telah dibuktikan oleh para anggota PPS dengan cara mendaftar. “Kalau sudah mau itu berarti niat” terangnya. Selanjutnya M yang kedua adalah mampu dimana diberikan pengetahuan tentang kepemiluan, tambahnya. Sebagai pembekelan untuk menghadapi Pemilihan Gubernur dan Wakil Gubernur serta Bupati dan Wakil Bupati juga turut mengundang Narasumber dari POLRES Probolinggo.',
    ],
    people: [
      {
        name: 'Aliwafa',
        jabatan: 'Ketua KPU Kabupaten Probolinggo',
        quote: 'Kalau sudah mau itu berarti niat',
      },
    ],
    author: 'Operator KPU',
    status: 'terbit',
  },
  {
    title: 'Kelembagaan KPU Dan Tahapan Penyelenggaraan PILKADA Tahun 2024.',
    place: 'Bromo Park Hotel, Kota Probolinggo',
    date: '2024-06-19',
    paragraphs: [
      'Kab-probolinggo.kpu.go.id, Sebagai pemateri dalam kegiatan Bimbingan Teknis (BIMTEK) dan Orientasi Tugas Badan Adhoc PPS (Panitia Pemungutan Suara) Pemilihan Gubernur dan Wakil Gubernur serta Bupati dan Wakil Bupati, ketua KPU Kabupaten Probolinggo, menyampaikan beberapa hal penting mengenai kelembagaan dan tahapan. Ia menuturkan bahwa pentingnya menempatkan seseorang pada tempatnya sesuai dengan kapasitas yang dimiliki sesuai divisi yang ada di PPS (Panitia Pemungutan Suara), terangnya. Tidak hanya itu, setiap anggota PPS harus bisa saling pengertian selama menjalankan tugasnya. “Setiap orang tentu memilki kekurangan dan kelebihan masing tentu juga memiliki keinginan yang berbeda sehingga perlu memberikan pengertian satu sama lain, tentu semua itu perlu dipahami bersama-sama” tambahnya. Aliwafa tidak lupa meberikan apresiasi kepada PPS bahwasannya anggota PPS merupakan orang yang terpilih dan terhormat, jelasnya.',
    ],
    people: [
      {
        name: 'Aliwafa',
        jabatan: 'Ketua KPU Kabupaten Probolinggo',
        quote:
          'Setiap orang tentu memilki kekurangan dan kelebihan masing tentu juga memiliki keinginan yang berbeda sehingga perlu memberikan pengertian satu sama lain, tentu semua itu perlu dipahami bersama-sama',
      },
    ],
    author: 'Operator KPU',
    status: 'terbit',
  },
  {
    title: 'Hubungan Kerja Dan Peningkatan Kapasitas Penyelenggara.',
    place: 'Bromo Park Hotel, Kota Probolinggo',
    date: '2024-06-19',
    paragraphs: [
      'Kab-probolinggo.kpu.go.id, Membangun hubungan kerja yang baik merupakan hal yang penting sebagai penyelenggara, hal ini diutarakan Muhammad Arifin, Ketua Teknis Penyelenggara KPU Kabupaten Probolinggo dimana harus memiliki sense of belonging. “Sense Of Belonging merupakan rasa atau cinta terhadap lembaga sehingga tumbuh tanggungjawab dalam menjaga marwah lembaga” jelas Muhammad Arifin yang pernah menjabat sebagai anggota PPK. Mengenali siapa atasan kita termasuk anggota KPU Provinsi Jawa Timur dan KPU Republik Indonesia harus kita tahu meski mereka jauh karena kerja di KPU dilakukan secara hirarki, tambahnya. Muhammad Arifin menyakinkan bahwa setiap anggota PPS (Panitia Pemungutan Suara) merupakan ujung tombak dalam penyelenggaraan pemilihan, tuturnya. Selanjutnya anggota PPS perlu melakukan komunikasi dengan pemerintah desa. “Jangan hanya sekedar komunikasi melainkan perlu mengasilkan sebuah karya saat berkoordinasi, maksudnya apa ? setidaknya dari hasil komunikasi bersama pemerintah desa memberikan fasilitas selama menjalankan pekerjaan bagi anggota PPS untuk kesuksesan PILKADA” ucapnya.',
    ],
    people: [
      {
        name: 'Muhammad Arifin',
        jabatan: 'Ketua Teknis Penyelenggara KPU Kabupaten Probolinggo',
        quote:
          'Sense Of Belonging merupakan rasa atau cinta terhadap lembaga sehingga tumbuh tanggungjawab dalam menjaga marwah lembaga',
      },
      {
        name: 'Muhammad Arifin',
        jabatan: 'Ketua Teknis Penyelenggara KPU Kabupaten Probolinggo',
        quote:
          'Jangan hanya sekedar komunikasi melainkan perlu mengasilkan sebuah karya saat berkoordinasi, maksudnya apa ? setidaknya dari hasil komunikasi bersama pemerintah desa memberikan fasilitas selama menjalankan pekerjaan bagi anggota PPS untuk kesuksesan PILKADA',
      },
    ],
    author: 'Operator KPU',
    status: 'terbit',
  },
  {
    title: 'Kode Etik Penyelenggara.',
    place: 'Bromo Park Hotel, Kota Probolinggo',
    date: '2024-06-19',
    paragraphs: [
      'Kab-probolinggo.kpu.go.id, Menjadi penyelenggara perlu memperhatikan kode etik selama menjalankan tugasnya, jangan sampai melanggar aturan yang ada. Rifqohul Ibad selaku ketua Divisi Hukum KPU Kabupaten Probolinggo menjelaskan bahwa pedoman dalam menjalankan tahapan penyelenggaraan pemilihan berpedoman pada Undangan-Undangan, PKPU (Peraturan Komisi Pemilihan Umum), Keputusan serta Surat Edaran. Ia menekankan agar setiap anggota PPS (Panitia Pemungutan Suara) selalu menjaga netralitas jangan sampai berpihak kepada salah satu calon, tambahnya. Ia juga menambahkan bahwa prinsip penyelenggara diantaranya adalah mandiri, jujur, adil, akuntabel, berkepastian hukum, tertib, profesional, efektif, efesien, aksesbilitas dan kepentingan umum, tambahnya dihadapan peserta BIMTEK dan Orientasi Tugas Badan Adhoc PPS (Panitia Pemungutan Suara) Pemilihan Gubernur dan Wakil Gubernur serta Bupati dan Wakil Bupati.',
    ],
    people: [
      { name: 'Rifqohul Ibad', jabatan: 'Ketua Divisi Hukum KPU Kabupaten Probolinggo', quote: '' },
    ],
    author: 'Operator KPU',
    status: 'terbit',
  },
  {
    title: 'Media Sosial Sarana Sosialisasi',
    place: 'Bromo Park Hotel, Kota Probolinggo',
    date: '2024-06-19',
    paragraphs: [
      'Kab-probolinggo.kpu.go.id, Media sosial menjadi sarana sosialiasi KPU dalam mensukseskan Pemilihan Gubernur dan Wakil Gubernur serta Pemilihan Bupati dan Wakil Bupati tahun 2024, Bayu Rizky Pramudya Ershandi mengajak kepada PPS (Panitia Pemungutan Suara) untuk memaksimalkan Media Sosial. “Setiap kegiatan yang diikuti oleh PPS bisa dipublikasikan melalui akun media sosial masing-masing sehingga hal itu bisa menjadi sarana edukasi dan pemberian informasi kepada masyarakat untuk menjadi tahu” ungkap Bayu. Ia menambahkan agar setiap anggota PPS memperhatikan tugas dan wewenang masing-masing, tambahnya saat memberikan materi di Bimbingan Teknis (BIMTEK) dan Orientasi Tugas Badan Adhoc PPS (Panitia Pemungutan Suara) Pemilihan Gubernur dan Wakil Gubernur serta Bupati dan Wakil Bupati,',
    ],
    people: [
      {
        name: 'Bayu Rizky Pramudya Ershandi',
        jabatan: 'Pemateri Bimtek PPS',
        quote:
          'Setiap kegiatan yang diikuti oleh PPS bisa dipublikasikan melalui akun media sosial masing-masing sehingga hal itu bisa menjadi sarana edukasi dan pemberian informasi kepada masyarakat untuk menjadi tahu',
      },
    ],
    author: 'Operator KPU',
    status: 'terbit',
  },
  {
    title: 'Pemungutan Suara Pilkada Serentak 27 November 2024',
    place: 'Kabupaten Probolinggo',
    date: '2024-11-20',
    paragraphs: [
      'Pemungutan suara Pemilihan Gubernur dan Wakil Gubernur Jawa Timur serta Pemilihan Bupati dan Wakil Bupati Probolinggo dilaksanakan pada Rabu, 27 November 2024, di 1.749 TPS yang tersebar di 330 desa/kelurahan di 24 kecamatan se-Kabupaten Probolinggo.',
      'Jumlah pemilih dalam DPT Kabupaten Probolinggo 872.218 orang. Masyarakat dapat memeriksa TPS-nya melalui layanan Cek DPT dan melaporkan masalah di lapangan melalui menu Lapor masalah.',
    ],
    people: [],
    author: 'Operator KPU',
    status: 'diajukan',
  },
];

/** Inserts the demo news with their history (written, submitted, published). */
export async function insertDemoNews(db: Db): Promise<number> {
  const taken = new Set<string>();
  for (const n of DEMO_NEWS) {
    const slug = uniqueSlug(slugify(n.title), taken);
    taken.add(slug);
    const bodyHtml = sanitizeNewsHtml(n.paragraphs.join('\n\n'));
    // Written and reviewed at 10:00 WIB of the day the item is about.
    const at = new Date(`${n.date}T10:00:00+07:00`);
    const row = await insertNews(db, {
      slug,
      title: n.title,
      place: n.place,
      newsDate: n.date,
      bodyHtml,
      excerpt: excerptOf(bodyHtml),
      people: n.people.map((p) => ({ ...p })),
      status: n.status,
      authorName: n.author,
      createdAt: at,
      updatedAt: at,
      publishedAt: n.status === 'terbit' ? at : null,
    });
    const moves: [
      string,
      'draf' | 'diajukan' | 'terbit' | null,
      'draf' | 'diajukan' | 'terbit',
      string,
    ][] = [
      ['tulis', null, 'draf', n.author],
      ['ajukan', 'draf', 'diajukan', n.author],
    ];
    if (n.status === 'terbit')
      moves.push(['terbitkan', 'diajukan', 'terbit', 'Sekretaris Desk Pilkada']);
    for (const [action, fromStatus, toStatus, actorName] of moves) {
      await insertNewsEvent(db, { newsId: row.id, action, fromStatus, toStatus, actorName, at });
    }
  }
  return DEMO_NEWS.length;
}
