// The 47 prefectures in JIS X 0401 order, which runs from north to south, each with its block
// (地方). Used to lay the programme's regions out from Hokkaido to Okinawa.

export type Block =
  | 'hokkaido'
  | 'tohoku'
  | 'kanto'
  | 'chubu'
  | 'kinki'
  | 'chugoku'
  | 'shikoku'
  | 'kyushu'

export const BLOCKS: readonly Block[] = [
  'hokkaido',
  'tohoku',
  'kanto',
  'chubu',
  'kinki',
  'chugoku',
  'shikoku',
  'kyushu',
]

interface Prefecture {
  code: number
  ja: string // without 都/府/県 (北海道 keeps its 道)
  en: string
  block: Block
}

// prettier-ignore
const PREFECTURES: Prefecture[] = [
  [1, '北海道', 'Hokkaido', 'hokkaido'],
  [2, '青森', 'Aomori', 'tohoku'], [3, '岩手', 'Iwate', 'tohoku'], [4, '宮城', 'Miyagi', 'tohoku'],
  [5, '秋田', 'Akita', 'tohoku'], [6, '山形', 'Yamagata', 'tohoku'], [7, '福島', 'Fukushima', 'tohoku'],
  [8, '茨城', 'Ibaraki', 'kanto'], [9, '栃木', 'Tochigi', 'kanto'], [10, '群馬', 'Gunma', 'kanto'],
  [11, '埼玉', 'Saitama', 'kanto'], [12, '千葉', 'Chiba', 'kanto'], [13, '東京', 'Tokyo', 'kanto'],
  [14, '神奈川', 'Kanagawa', 'kanto'],
  [15, '新潟', 'Niigata', 'chubu'], [16, '富山', 'Toyama', 'chubu'], [17, '石川', 'Ishikawa', 'chubu'],
  [18, '福井', 'Fukui', 'chubu'], [19, '山梨', 'Yamanashi', 'chubu'], [20, '長野', 'Nagano', 'chubu'],
  [21, '岐阜', 'Gifu', 'chubu'], [22, '静岡', 'Shizuoka', 'chubu'], [23, '愛知', 'Aichi', 'chubu'],
  [24, '三重', 'Mie', 'kinki'], [25, '滋賀', 'Shiga', 'kinki'], [26, '京都', 'Kyoto', 'kinki'],
  [27, '大阪', 'Osaka', 'kinki'], [28, '兵庫', 'Hyogo', 'kinki'], [29, '奈良', 'Nara', 'kinki'],
  [30, '和歌山', 'Wakayama', 'kinki'],
  [31, '鳥取', 'Tottori', 'chugoku'], [32, '島根', 'Shimane', 'chugoku'], [33, '岡山', 'Okayama', 'chugoku'],
  [34, '広島', 'Hiroshima', 'chugoku'], [35, '山口', 'Yamaguchi', 'chugoku'],
  [36, '徳島', 'Tokushima', 'shikoku'], [37, '香川', 'Kagawa', 'shikoku'], [38, '愛媛', 'Ehime', 'shikoku'],
  [39, '高知', 'Kochi', 'shikoku'],
  [40, '福岡', 'Fukuoka', 'kyushu'], [41, '佐賀', 'Saga', 'kyushu'], [42, '長崎', 'Nagasaki', 'kyushu'],
  [43, '熊本', 'Kumamoto', 'kyushu'], [44, '大分', 'Oita', 'kyushu'], [45, '宮崎', 'Miyazaki', 'kyushu'],
  [46, '鹿児島', 'Kagoshima', 'kyushu'], [47, '沖縄', 'Okinawa', 'kyushu'],
].map(([code, ja, en, block]) => ({
  code: code as number,
  ja: ja as string,
  en: en as string,
  block: block as Block,
}))

function suffixOf(ja: string): string {
  if (ja === '北海道') return ''
  if (ja === '東京') return '都'
  return ja === '京都' || ja === '大阪' ? '府' : '県'
}

function key(name: string): string {
  return name.normalize('NFKC').trim().replace(/ō/g, 'o').replace(/ū/g, 'u').toLowerCase()
}

const byName = new Map<string, Prefecture>()
for (const prefecture of PREFECTURES) {
  byName.set(key(prefecture.ja), prefecture)
  byName.set(key(prefecture.ja + suffixOf(prefecture.ja)), prefecture)
  byName.set(key(prefecture.en), prefecture)
}

function lookup(name: string): Prefecture | undefined {
  const exact = key(name)
  return (
    byName.get(exact) ??
    byName.get(exact.replace(/(都|府|県)$/, '')) ??
    byName.get(exact.replace(/[-\s]?(prefecture|ken|fu|to)$/, ''))
  )
}

/** 宮城県 / 宮城 / Miyagi → its JIS code and block; several ("愛知県・岐阜県") → the first. */
export function findPrefecture(name: string | null | undefined): Prefecture | null {
  if (!name) return null
  for (const part of name.split(/[・、,/]/)) {
    const found = lookup(part)
    if (found) return found
  }
  return null
}

/** Prefecture name in the UI language. */
export function prefectureName(name: string | null | undefined, locale: 'ja' | 'en'): string {
  const found = findPrefecture(name)
  if (!found) return name ?? ''
  if (locale === 'en') return found.en
  return found.ja + suffixOf(found.ja)
}
