/**
 * The words the claim check reads facts by: negation, modality and tense, antonyms, the
 * words that say a name is a person, a place or an organisation, and the names of places
 * that are written differently in Vietnamese and English. Lists, not rules: every entry is
 * general Vietnamese or English, none is taken from an evaluation set. Multi-word entries are
 * written with single spaces; matching goes through `src/text/words.ts`.
 */

/** Words that negate what follows them. */
export const NEGATION_VI = ['không', 'chưa', 'chẳng', 'chả', 'đâu có', 'không hề', 'chưa hề', 'chưa từng', 'không bao giờ', 'chẳng bao giờ', 'không còn', 'chưa bao giờ', 'không phải', 'chẳng phải', 'từ chối', 'phủ nhận', 'bác bỏ', 'thiếu vắng', 'thiếu', 'thay vì', 'chứ không', 'mà không'];
export const NEGATION_EN = ['not', 'no', 'never', "n't", 'none', 'neither', 'nor', 'refused', 'refuses', 'refuse', 'denied', 'denies', 'deny', 'rejected', 'rejects', 'without', 'failed to', 'fails to'];

/**
 * Words that follow "không"/"chưa"/"chẳng" and make a word that is not a negation: "không
 * gian" (space), "không khí" (air), "hàng không" (aviation), "không chỉ … mà còn" (not
 * only … but also), "không ngừng" (ceaselessly), "chưa kể" (not to mention), "chẳng hạn"
 * (for example).
 */
export const NOT_NEGATION_AFTER = ['niên', 'nhi', 'tá', 'tướng', 'úy', 'uý', 'nữ', 'sinh', 'gian', 'khí', 'quân', 'trung', 'phận', 'ảnh', 'chỉ', 'những', 'ngừng', 'ngớt', 'ít', 'kém', 'thể thiếu', 'kể', 'hạn', 'may', 'biết', 'lâu', 'dây', 'gì', 'sao', 'khác', 'riêng'];
/** Words before "không" that make it a question tag or a compound: "hàng không", "có hay không". */
export const NOT_NEGATION_BEFORE = ['hàng', 'hay', 'hoặc', 'dù', 'hư', 'số'];

export type Modality = 'done' | 'ongoing' | 'planned' | 'hoped' | 'possible' | 'purpose';

/** Tense and modality markers, by what they say about the event. */
export const MODALITY_VI: Record<Modality, string[]> = {
  done: ['đã', 'vừa', 'từng', 'đã được', 'đã có', 'hoàn thành', 'rồi'],
  ongoing: ['đang', 'hiện đang'],
  planned: ['sẽ', 'dự kiến', 'dự định', 'kế hoạch', 'sắp', 'chuẩn bị', 'theo kế hoạch', 'sắp tới', 'trong thời gian tới', 'lên kế hoạch'],
  hoped: ['mong muốn', 'mong', 'hy vọng', 'hi vọng', 'kỳ vọng', 'mục tiêu', 'cam kết', 'đề nghị', 'đề xuất', 'kiến nghị', 'kêu gọi', 'nỗ lực', 'muốn', 'phấn đấu', 'hướng tới', 'tạo điều kiện để', 'hỗ trợ để', 'hỗ trợ việt nam để', 'quyết tâm', 'yêu cầu', 'sớm'],
  possible: ['có thể', 'có khả năng', 'có nguy cơ', 'e rằng', 'nhiều khả năng'],
  purpose: ['để', 'nhằm'],
};
export const MODALITY_EN: Record<Modality, string[]> = {
  done: ['was', 'were', 'became', 'has become', 'have become', 'has been', 'have been', 'had been', 'already', 'completed', 'signed', 'held'],
  ongoing: ['is', 'are', 'currently'],
  planned: ['will', 'shall', 'plans to', 'plan to', 'planned', 'is expected to', 'are expected to', 'expected to', 'scheduled', 'is going to', 'to be held', 'upcoming'],
  hoped: ['hopes', 'hope', 'hoped', 'wants', 'want', 'wish', 'wishes', 'aims', 'aim', 'seeks', 'seek', 'pledged', 'pledges', 'committed to', 'commits to', 'proposed', 'proposes', 'called for', 'calls for', 'strives', 'intends', 'support vietnam to', 'help vietnam'],
  possible: ['may', 'might', 'could', 'possibly', 'likely'],
  purpose: ['in order to', 'so as to'],
};

/**
 * Pairs of words of opposite meaning. A claim that says one where its source, about the
 * same fact, says the other contradicts it ("lãi suất giảm" for "lãi suất tăng"). Words with
 * common other senses are left out ("trước" is also "in front of", "nhận ra" is "realise").
 */
export const ANTONYMS: Array<[string, string]> = [
  ['tăng', 'giảm'], ['thắng', 'thua'], ['cao', 'thấp'], ['nhiều', 'ít'], ['lớn', 'nhỏ'], ['to', 'nhỏ'], ['đầu tiên', 'cuối cùng'],
  ['mua', 'bán'], ['xuất khẩu', 'nhập khẩu'], ['đồng ý', 'phản đối'], ['ủng hộ', 'phản đối'], ['tích cực', 'tiêu cực'],
  ['thành công', 'thất bại'], ['mở cửa', 'đóng cửa'], ['bắt đầu', 'kết thúc'], ['khai mạc', 'bế mạc'], ['dễ', 'khó'],
  ['tốt', 'xấu'], ['mạnh', 'yếu'], ['nhanh', 'chậm'], ['sớm', 'muộn'], ['rẻ', 'đắt'], ['giàu', 'nghèo'],
  ['thuận lợi', 'khó khăn'], ['an toàn', 'nguy hiểm'], ['đúng', 'sai'], ['có lợi', 'có hại'], ['phục hồi', 'suy giảm'],
  ['cho phép', 'cấm'], ['chấp nhận', 'từ chối'], ['hợp pháp', 'bất hợp pháp'], ['trong nước', 'nước ngoài'],
  ['công lập', 'tư thục'], ['thêm', 'bớt'], ['rộng', 'hẹp'], ['dài', 'ngắn'],
  ['nóng', 'lạnh'], ['châu á', 'châu âu'], ['châu phi', 'châu âu'], ['châu mỹ', 'châu âu'], ['miền bắc', 'miền nam'],
  ['phía bắc', 'phía nam'], ['phía đông', 'phía tây'], ['tối đa', 'tối thiểu'],
  ['ổn định', 'biến động'], ['hiện đại', 'lạc hậu'], ['mới', 'cũ'], ['vui', 'buồn'], ['hoan nghênh', 'chỉ trích'],
  ['khen', 'chê'], ['biểu dương', 'phê bình'], ['tăng trưởng', 'suy thoái'], ['thặng dư', 'thâm hụt'], ['lãi', 'lỗ'],
  ['increase', 'decrease'], ['increased', 'decreased'], ['rise', 'fall'], ['rose', 'fell'], ['won', 'lost'], ['win', 'lose'],
  ['higher', 'lower'], ['more', 'less'], ['first', 'last'], ['before', 'after'], ['approved', 'rejected'], ['support', 'oppose'],
  ['success', 'failure'], ['opened', 'closed'], ['public', 'private'], ['import', 'export'], ['imports', 'exports'],
];

/**
 * Words whose negation says their opposite ("chưa cao" is "thấp", "không tốt" is "xấu"); a
 * negated verb does not ("không mua" is not "bán").
 */
export const GRADABLE = new Set([
  'cao', 'thấp', 'nhiều', 'ít', 'lớn', 'nhỏ', 'to', 'tốt', 'xấu', 'mạnh', 'yếu', 'nhanh', 'chậm', 'dễ', 'khó', 'đúng', 'sai',
  'an toàn', 'nguy hiểm', 'thuận lợi', 'khó khăn', 'tích cực', 'tiêu cực', 'ổn định', 'hợp pháp', 'rẻ', 'đắt', 'sớm', 'muộn',
  'rộng', 'hẹp', 'dài', 'ngắn', 'hiện đại', 'lạc hậu', 'mới', 'cũ',
]);

/** Quantifier words whose swap changes how much of something a claim covers. */
export const QUANTIFIERS: Array<[string, string]> = [
  ['tất cả', 'một số'], ['toàn bộ', 'một phần'], ['duy nhất', 'một trong'], ['mọi', 'một số'], ['all', 'some'], ['only', 'one of'],
  ['hầu hết', 'một số'], ['luôn', 'đôi khi'], ['always', 'sometimes'], ['every', 'some'],
];

/** Words in front of a name that say it is a person. */
export const PERSON_TITLES = [
  'ông', 'bà', 'anh', 'chị', 'cô', 'chú', 'bác', 'cụ', 'em', 'cháu', 'thầy', 'già làng', 'sư cả', 'nhà giáo',
  'thứ trưởng', 'bộ trưởng', 'chủ tịch', 'phó chủ tịch', 'thủ tướng', 'phó thủ tướng', 'tổng bí thư', 'bí thư', 'giám đốc',
  'phó giám đốc', 'tổng giám đốc', 'tổng thư ký', 'chủ nhiệm', 'viện trưởng', 'hiệu trưởng', 'phó hiệu trưởng', 'trưởng ban',
  'đại sứ', 'tổng thống', 'ngoại trưởng', 'người phát ngôn', 'phát ngôn viên', 'đại biểu', 'đại tướng', 'thượng tướng',
  'trung tướng', 'thiếu tướng', 'đại tá', 'thượng tá', 'trung tá', 'thiếu tá', 'đồng chí', 'bị cáo', 'nghệ sĩ', 'diễn viên',
  'ca sĩ', 'cầu thủ', 'hlv', 'huấn luyện viên', 'nhà báo', 'luật sư', 'bác sĩ', 'bs', 'ts', 'ths', 'gs', 'pgs', 'ks', 'nsnd',
  'nsưt', 'tiến sĩ', 'giáo sư', 'phó giáo sư', 'mr', 'mrs', 'ms', 'dr', 'president', 'minister', 'deputy minister',
  'vice minister', 'secretary general', 'secretary-general', 'general secretary', 'director', 'chairman', 'ambassador', 'prime minister',
];

/** Words in front of a name that say it is a place. */
export const PLACE_WORDS = [
  'tại', 'ở', 'đến', 'tới', 'thủ đô', 'thành phố', 'tp', 'tỉnh', 'huyện', 'quận', 'xã', 'phường', 'thị xã', 'thị trấn',
  'làng', 'bản', 'nước', 'quốc gia', 'châu', 'vùng', 'miền', 'đảo', 'sông', 'núi', 'biển', 'vịnh', 'sân bay', 'cảng',
  'in', 'at', 'to', 'from', 'city', 'capital', 'province', 'country',
];

/** Words that start, or acronyms that are, the name of an organisation. */
export const ORGANISATION_WORDS = [
  'bộ', 'viện', 'ủy ban', 'uỷ ban', 'ban chỉ đạo', 'ban quản lý', 'sở', 'cục', 'tổng cục', 'hội đồng', 'hiệp hội', 'liên đoàn', 'liên hiệp',
  'công ty', 'tập đoàn', 'tổng công ty', 'trường', 'đại học', 'học viện', 'ngân hàng', 'quỹ', 'tổ chức', 'trung tâm', 'bệnh viện', 'bv',
  'đảng', 'quốc hội', 'chính phủ', 'văn phòng', 'clb', 'câu lạc bộ', 'đài truyền hình', 'báo', 'hãng', 'liên minh',
  'ctcp', 'tòa án', 'viện kiểm sát', 'công an', 'ministry', 'institute', 'commission', 'committee', 'university', 'bank',
  'company', 'council', 'organization', 'organisation', 'association', 'agency', 'federation', 'group', 'corporation',
];

/** Common Vietnamese family names: a capitalised run starting with one is most likely a person. */
export const FAMILY_NAMES = [
  'nguyễn', 'trần', 'lê', 'phạm', 'hoàng', 'huỳnh', 'phan', 'vũ', 'võ', 'đặng', 'bùi', 'đỗ', 'hồ', 'ngô', 'dương', 'lý',
  'đinh', 'đoàn', 'trương', 'lâm', 'mai', 'trịnh', 'đào', 'cao', 'lương', 'tạ', 'hà', 'chu', 'thái', 'lưu', 'tô', 'quách',
];

/**
 * Places with their other spellings (Vietnamese, English, older transliterations): a claim
 * written in English or with another spelling names the same place. The first spelling is
 * the Vietnamese one.
 */
export const PLACE_NAMES: string[][] = [
  ['Việt Nam', 'Vietnam', 'Viet Nam'], ['Hà Nội', 'Hanoi', 'Ha Noi'], ['Thành phố Hồ Chí Minh', 'TP.HCM', 'TPHCM', 'Ho Chi Minh City', 'Sài Gòn', 'Saigon'],
  ['Đà Nẵng', 'Da Nang', 'Danang'], ['Hải Phòng', 'Haiphong', 'Hai Phong'], ['Huế', 'Hue'], ['Cần Thơ', 'Can Tho'],
  ['Trung Quốc', 'China'], ['Bắc Kinh', 'Beijing', 'Peking'], ['Thượng Hải', 'Shanghai'], ['Hồng Kông', 'Hong Kong'], ['Đài Loan', 'Taiwan'],
  ['Nhật Bản', 'Japan'], ['Tokyo', 'Tô-ky-ô'], ['Hàn Quốc', 'South Korea', 'Korea'], ['Seoul', 'Xơ-un'], ['Triều Tiên', 'North Korea'],
  ['Lào', 'Laos'], ['Viêng Chăn', 'Vientiane'], ['Campuchia', 'Cambodia'], ['Phnôm Pênh', 'Phnom Penh'], ['Thái Lan', 'Thailand'], ['Băng Cốc', 'Bangkok'],
  ['Myanmar', 'Mi-an-ma', 'Miến Điện', 'Burma'], ['Malaysia', 'Ma-lai-xi-a'], ['Singapore', 'Xinh-ga-po'], ['Indonesia', 'In-đô-nê-xi-a'], ['Philippines', 'Phi-líp-pin'],
  ['Ấn Độ', 'India'], ['Nga', 'Russia', 'Liên bang Nga'], ['Moscow', 'Mát-xcơ-va', 'Matxcơva', 'Moskva'], ['Ukraine', 'Ukraina'], ['Mỹ', 'Hoa Kỳ', 'United States', 'USA', 'America'],
  ['Washington', 'Oa-sinh-tơn'], ['Anh', 'United Kingdom', 'UK', 'Britain', 'England'], ['Luân Đôn', 'London'], ['Pháp', 'France'], ['Paris', 'Pa-ri'],
  ['Đức', 'Germany'], ['Berlin', 'Béc-lin'], ['Ý', 'Italy', 'Italia'], ['Tây Ban Nha', 'Spain'], ['Bồ Đào Nha', 'Portugal'], ['Hà Lan', 'Netherlands', 'Holland'],
  ['Bỉ', 'Belgium'], ['Thụy Sĩ', 'Thuỵ Sĩ', 'Switzerland'], ['Geneva', 'Giơ-ne-vơ', 'Genève'], ['Thụy Điển', 'Thuỵ Điển', 'Sweden'], ['Na Uy', 'Norway'], ['Phần Lan', 'Finland'],
  ['Đan Mạch', 'Denmark'], ['Ba Lan', 'Poland'], ['Séc', 'Czech Republic', 'Czechia'], ['Hungary', 'Hung-ga-ri'], ['Áo', 'Austria'], ['Hy Lạp', 'Greece'],
  ['Thổ Nhĩ Kỳ', 'Turkey', 'Türkiye'], ['Úc', 'Australia', 'Ô-xtrây-li-a'], ['New Zealand', 'Niu Di-lân'], ['Canada', 'Ca-na-đa'], ['Brazil', 'Braxin'],
  ['Argentina', 'Ác-hen-ti-na'], ['Mexico', 'Mê-hi-cô'], ['Ai Cập', 'Egypt'], ['Nam Phi', 'South Africa'], ['Israel', 'Ixraen'], ['Iran', 'I-ran'],
  ['Ả Rập Xê Út', 'Saudi Arabia'], ['Qatar', 'Ca-ta'], ['Liên Xô', 'Soviet Union', 'USSR'], ['châu Âu', 'Europe'], ['châu Á', 'Asia'], ['châu Phi', 'Africa'],
  ['châu Mỹ', 'Americas'], ['Đông Nam Á', 'Southeast Asia'], ['Mê Kông', 'Mekong'], ['Lan Thương', 'Lancang'],
];
