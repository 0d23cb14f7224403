"""Vietnamese word lists: places, people's names, agencies. Old-style tone placement (Hòa, Thủy, Ủy)
as in Decree 30/2020's own examples; every string is NFC."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Province:
    """A province-level unit; `id_code` is its 3-digit birth-registration code in personal IDs."""

    name: str  # "Tuyên Quang", "Hồ Chí Minh"
    city: bool  # thành phố trực thuộc trung ương
    id_code: str

    @property
    def full(self) -> str:
        """'tỉnh Tuyên Quang' / 'thành phố Hà Nội' as written inside sentences."""
        return ("thành phố " if self.city else "tỉnh ") + self.name

    @property
    def place(self) -> str:
        """Địa danh on the date line (Decree 30/2020 example: 'Thành phố Hồ Chí Minh, ngày …')."""
        return "Thành phố Hồ Chí Minh" if self.name == "Hồ Chí Minh" else self.name

    @property
    def caps(self) -> str:
        return ("THÀNH PHỐ " if self.city else "TỈNH ") + self.name.upper()


# The 34 provinces and centrally governed cities from 01/7/2025, with the TT 07/2016/TT-BCA code of
# the pre-merger unit of the same name (codes stay valid in existing personal IDs).
PROVINCES_2025: tuple[Province, ...] = (
    Province("Hà Nội", True, "001"),
    Province("Huế", True, "046"),
    Province("Hải Phòng", True, "031"),
    Province("Đà Nẵng", True, "048"),
    Province("Hồ Chí Minh", True, "079"),
    Province("Cần Thơ", True, "092"),
    Province("Lai Châu", False, "012"),
    Province("Điện Biên", False, "011"),
    Province("Sơn La", False, "014"),
    Province("Lạng Sơn", False, "020"),
    Province("Quảng Ninh", False, "022"),
    Province("Thanh Hóa", False, "038"),
    Province("Nghệ An", False, "040"),
    Province("Hà Tĩnh", False, "042"),
    Province("Cao Bằng", False, "004"),
    Province("Tuyên Quang", False, "008"),
    Province("Lào Cai", False, "010"),
    Province("Thái Nguyên", False, "019"),
    Province("Phú Thọ", False, "025"),
    Province("Bắc Ninh", False, "027"),
    Province("Hưng Yên", False, "033"),
    Province("Ninh Bình", False, "037"),
    Province("Quảng Trị", False, "045"),
    Province("Quảng Ngãi", False, "051"),
    Province("Gia Lai", False, "064"),
    Province("Khánh Hòa", False, "056"),
    Province("Lâm Đồng", False, "068"),
    Province("Đắk Lắk", False, "066"),
    Province("Đồng Nai", False, "075"),
    Province("Tây Ninh", False, "072"),
    Province("Vĩnh Long", False, "086"),
    Province("Đồng Tháp", False, "087"),
    Province("Cà Mau", False, "096"),
    Province("An Giang", False, "089"),
)

# Units that existed before 01/7/2025 (63 in all with the 33 unchanged names above, Huế then being
# the province Thừa Thiên Huế). Used for documents dated before the merger and for birth places.
PROVINCES_MERGED_AWAY: tuple[Province, ...] = (
    Province("Hà Giang", False, "002"),
    Province("Bắc Kạn", False, "006"),
    Province("Yên Bái", False, "015"),
    Province("Hòa Bình", False, "017"),
    Province("Bắc Giang", False, "024"),
    Province("Vĩnh Phúc", False, "026"),
    Province("Hải Dương", False, "030"),
    Province("Thái Bình", False, "034"),
    Province("Hà Nam", False, "035"),
    Province("Nam Định", False, "036"),
    Province("Quảng Bình", False, "044"),
    Province("Thừa Thiên Huế", False, "046"),
    Province("Quảng Nam", False, "049"),
    Province("Bình Định", False, "052"),
    Province("Phú Yên", False, "054"),
    Province("Ninh Thuận", False, "058"),
    Province("Bình Thuận", False, "060"),
    Province("Kon Tum", False, "062"),
    Province("Đắk Nông", False, "067"),
    Province("Bình Phước", False, "070"),
    Province("Bình Dương", False, "074"),
    Province("Bà Rịa - Vũng Tàu", False, "077"),
    Province("Long An", False, "080"),
    Province("Tiền Giang", False, "082"),
    Province("Bến Tre", False, "083"),
    Province("Trà Vinh", False, "084"),
    Province("Kiên Giang", False, "091"),
    Province("Hậu Giang", False, "093"),
    Province("Sóc Trăng", False, "094"),
    Province("Bạc Liêu", False, "095"),
)

PROVINCES_BEFORE_2025: tuple[Province, ...] = (
    tuple(p for p in PROVINCES_2025 if p.name != "Huế") + PROVINCES_MERGED_AWAY
)

# Birth-registration codes (TT 07/2016/TT-BCA) of all 63 pre-2025 units; personal IDs use these.
BIRTH_PROVINCE_CODES: tuple[str, ...] = tuple(sorted({p.id_code for p in PROVINCES_BEFORE_2025}))

# Names shared by many real xã/phường across the country (commune names repeat from province to province).
COMMUNE_NAMES: tuple[str, ...] = (
    "Tân Phú", "An Bình", "Phú Lợi", "Hòa Bình", "Quang Trung", "Đông Hưng", "Tân Lập", "Thanh Sơn",
    "Minh Khai", "Hưng Đạo", "Phước Long", "Long Hòa", "Bình Minh", "Thống Nhất", "Nghĩa Đô", "Kim Liên",
    "Vĩnh Hưng", "Yên Hòa", "Hồng Phong", "Tân Thạnh", "Mỹ Thuận", "Trường Xuân", "Đồng Xuân", "Phú Xuân",
    "Hải Châu", "Tân Định", "Bến Thành", "Xuân Hòa", "Đức Thắng", "Quyết Tiến", "Nam Sơn", "Bắc Sơn",
    "Trung Hòa", "Thạch Bàn", "Yên Lạc", "Tam Đảo", "Hòa Khánh", "Phước Hải", "Tân An", "Long Điền",
    "Nhơn Trạch", "Châu Thành", "Cái Răng", "Ninh Kiều", "Mường Thanh", "Nà Nhạn", "Chiềng Sinh", "Ea Tam",
    "Đắk Mil", "Pleiku", "Ia Grai", "Hàm Rồng", "Nghi Sơn", "Cửa Lò", "Kỳ Anh", "Đông Hà", "Sa Pa",
    "Bảo Yên", "Việt Trì", "Thanh Thủy", "Từ Sơn", "Văn Lâm", "Hoa Lư", "Kim Sơn", "Cam Ranh", "Di Linh",
)

# Districts (cấp huyện), abolished on 01/7/2025 but present in every older address.
DISTRICT_NAMES: tuple[str, ...] = (
    "Châu Thành", "Phú Tân", "Tam Nông", "Yên Lạc", "Thanh Oai", "Đông Anh", "Gia Lâm", "Bình Chánh",
    "Hóc Môn", "Củ Chi", "Cẩm Giàng", "Vĩnh Bảo", "Kim Bảng", "Hải Hậu", "Nghĩa Hưng", "Quỳnh Lưu",
    "Diễn Châu", "Hương Sơn", "Lệ Thủy", "Điện Bàn", "Tư Nghĩa", "Tuy Phước", "Ninh Hòa", "Đức Trọng",
    "Krông Pắc", "Long Thành", "Trảng Bom", "Cái Bè", "Mỏ Cày Nam", "Cầu Ngang",
)

STREETS: tuple[str, ...] = (
    "Trần Hưng Đạo", "Lê Lợi", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt", "Quang Trung", "Nguyễn Trãi",
    "Phan Chu Trinh", "Hùng Vương", "Lê Duẩn", "Võ Nguyên Giáp", "Điện Biên Phủ", "Nguyễn Văn Cừ",
    "Trường Chinh", "Nguyễn Thái Học", "Bà Triệu", "Hoàng Diệu", "Phạm Văn Đồng", "Lê Hồng Phong",
    "Nguyễn Du", "Trần Phú", "Ngô Quyền", "Phan Đình Phùng", "Lạc Long Quân", "Âu Cơ", "Tôn Đức Thắng",
)

HAMLET_PREFIXES: tuple[str, ...] = ("Thôn", "Tổ dân phố", "Khu phố", "Ấp", "Bản", "Khu")
HAMLET_NAMES: tuple[str, ...] = (
    "Đông", "Tây", "Trung", "Thượng", "Hạ", "Tân Lập", "Tân Hòa", "Phú Mỹ", "Đồng Tâm", "Na Hang",
    "Nà Khương", "Cốc Phường", "Bình An", "Hòa Lạc", "Yên Thịnh", "Phú Hưng", "Xuân Mai", "Mỹ Lộc",
)

SURNAMES: tuple[str, ...] = (
    # Weighted by repetition towards the most common family names.
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Phạm",
    "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh",
    "Trịnh", "Đoàn", "Lương", "Mai", "Tạ", "Cao", "Lâm", "Hà", "Thái", "Quách", "Vương", "Triệu",
    "Lò", "Giàng", "Hầu", "Nông", "Kiều", "Tăng", "Ưng", "Khúc", "Âu",
)

MIDDLE_NAMES_MALE: tuple[str, ...] = (
    "Văn", "Văn", "Hữu", "Đức", "Công", "Quang", "Minh", "Thành", "Xuân", "Ngọc", "Đình", "Trọng",
    "Quốc", "Hoàng", "Tuấn", "Duy", "Thế", "Mạnh", "Bá", "Gia",
)
MIDDLE_NAMES_FEMALE: tuple[str, ...] = (
    "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Bích", "Hồng", "Kim", "Mai", "Phương", "Diệu",
    "Thùy", "Ánh", "Thị Thu", "Thị Ngọc", "Thị Hồng", "Khánh", "Mỹ", "Tuyết",
)
GIVEN_NAMES_MALE: tuple[str, ...] = (
    "An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Huy", "Khánh", "Long", "Minh", "Nam",
    "Phong", "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt", "Vinh", "Hiếu", "Lộc", "Phúc", "Tâm",
    "Thịnh", "Toàn", "Khoa", "Đạt", "Kiên", "Bảo", "Chiến", "Giang", "Hưng", "Lâm", "Nghĩa", "Quyết",
    "Thuận", "Trường", "Tùng", "Vũ",
)
GIVEN_NAMES_FEMALE: tuple[str, ...] = (
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Huyền", "Lan", "Liên",
    "Linh", "Loan", "Mai", "Nga", "Ngọc", "Nhung", "Oanh", "Phượng", "Quyên", "Thảo", "Thủy", "Trang",
    "Tuyết", "Uyên", "Vân", "Yến", "Hiền", "Ly", "Ngân", "Nhàn", "Quỳnh", "Thơ", "Trâm", "Xuân",
)


@dataclass(frozen=True)
class Department:
    """A provincial department (sở) and the short symbol used in its document numbers."""

    name: str  # regular case after "Sở ": "Tài chính"
    symbol: str  # "STC"
    licence_titles: tuple[str, ...] = ()  # GIẤY PHÉP … / GIẤY CHỨNG NHẬN … it issues


DEPARTMENTS_2025: tuple[Department, ...] = (
    Department("Tài chính", "STC", ("GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP",)),
    Department("Nội vụ", "SNV"),
    Department("Tư pháp", "STP"),
    Department("Xây dựng", "SXD", ("GIẤY PHÉP XÂY DỰNG",)),
    Department("Nông nghiệp và Môi trường", "SNNMT", ("GIẤY PHÉP MÔI TRƯỜNG", "GIẤY PHÉP KHAI THÁC NƯỚC DƯỚI ĐẤT")),
    Department("Giáo dục và Đào tạo", "SGDĐT"),
    Department("Y tế", "SYT", ("GIẤY CHỨNG NHẬN CƠ SỞ ĐỦ ĐIỀU KIỆN AN TOÀN THỰC PHẨM",
                                "GIẤY PHÉP HOẠT ĐỘNG KHÁM BỆNH, CHỮA BỆNH")),
    Department("Công Thương", "SCT", ("GIẤY CHỨNG NHẬN CƠ SỞ ĐỦ ĐIỀU KIỆN AN TOÀN THỰC PHẨM",
                                       "GIẤY PHÉP BÁN LẺ SẢN PHẨM THUỐC LÁ")),
    Department("Khoa học và Công nghệ", "SKHCN"),
    Department("Văn hóa, Thể thao và Du lịch", "SVHTTDL", ("GIẤY PHÉP KINH DOANH DỊCH VỤ LỮ HÀNH NỘI ĐỊA",)),
    Department("Dân tộc và Tôn giáo", "SDTTG"),
)

DEPARTMENTS_BEFORE_2025: tuple[Department, ...] = (
    Department("Tài chính", "STC"),
    Department("Nội vụ", "SNV"),
    Department("Tư pháp", "STP"),
    Department("Xây dựng", "SXD", ("GIẤY PHÉP XÂY DỰNG",)),
    Department("Kế hoạch và Đầu tư", "SKHĐT", ("GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP",)),
    Department("Tài nguyên và Môi trường", "STNMT", ("GIẤY PHÉP MÔI TRƯỜNG", "GIẤY PHÉP KHAI THÁC NƯỚC DƯỚI ĐẤT")),
    Department("Nông nghiệp và Phát triển nông thôn", "SNNPTNT"),
    Department("Giao thông vận tải", "SGTVT", ("GIẤY PHÉP LIÊN VẬN",)),
    Department("Thông tin và Truyền thông", "STTTT", ("GIẤY PHÉP XUẤT BẢN BẢN TIN",)),
    Department("Lao động - Thương binh và Xã hội", "SLĐTBXH"),
    Department("Giáo dục và Đào tạo", "SGDĐT"),
    Department("Y tế", "SYT", ("GIẤY CHỨNG NHẬN CƠ SỞ ĐỦ ĐIỀU KIỆN AN TOÀN THỰC PHẨM",)),
    Department("Công Thương", "SCT", ("GIẤY CHỨNG NHẬN CƠ SỞ ĐỦ ĐIỀU KIỆN AN TOÀN THỰC PHẨM",)),
    Department("Văn hóa, Thể thao và Du lịch", "SVHTTDL", ("GIẤY PHÉP KINH DOANH DỊCH VỤ LỮ HÀNH NỘI ĐỊA",)),
)

# (name after "Bộ ", symbol, internal units used in official-letter symbols)
MINISTRIES: tuple[tuple[str, str], ...] = (
    ("Nội vụ", "BNV"),
    ("Tư pháp", "BTP"),
    ("Tài chính", "BTC"),
    ("Y tế", "BYT"),
    ("Xây dựng", "BXD"),
    ("Giáo dục và Đào tạo", "BGDĐT"),
    ("Công Thương", "BCT"),
)

# Internal units (for "05/UBND-VP" style symbols and "Lưu: VT, KT.").
UBND_UNITS: tuple[str, ...] = ("VP", "KT", "KTTH", "VX", "NC", "TH", "XD", "NNMT", "HCC")
DEPARTMENT_UNITS: tuple[str, ...] = ("VP", "TCHC", "KHTC", "QLCL", "PC", "TTr", "NV", "QLXD")
MINISTRY_UNITS: tuple[str, ...] = ("VP", "TCCB", "KHTC", "PC", "VTLT", "CCHC")

# Fields of administrative procedures (lĩnh vực) used in subjects and receipts.
PROCEDURE_FIELDS: tuple[str, ...] = (
    "hộ tịch", "chứng thực", "đất đai", "xây dựng", "môi trường", "an toàn thực phẩm",
    "bảo trợ xã hội", "người có công", "giáo dục và đào tạo", "đăng ký kinh doanh", "cư trú",
    "lý lịch tư pháp", "thi đua, khen thưởng", "tài nguyên nước", "văn hóa cơ sở",
)

# (procedure name as printed, its lĩnh vực)
PROCEDURES: tuple[tuple[str, str], ...] = (
    ("Đăng ký khai sinh", "hộ tịch"),
    ("Đăng ký kết hôn", "hộ tịch"),
    ("Đăng ký khai tử", "hộ tịch"),
    ("Cấp bản sao trích lục hộ tịch", "hộ tịch"),
    ("Xác nhận tình trạng hôn nhân", "hộ tịch"),
    ("Chứng thực bản sao từ bản chính giấy tờ, văn bản", "chứng thực"),
    ("Chứng thực chữ ký trong các giấy tờ, văn bản", "chứng thực"),
    ("Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", "đất đai"),
    ("Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu", "đất đai"),
    ("Cấp giấy phép xây dựng nhà ở riêng lẻ", "xây dựng"),
    ("Đăng ký thành lập hộ kinh doanh", "đăng ký kinh doanh"),
    ("Cấp Phiếu lý lịch tư pháp", "lý lịch tư pháp"),
    ("Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "an toàn thực phẩm"),
    ("Trợ cấp xã hội hàng tháng đối với người cao tuổi", "bảo trợ xã hội"),
    ("Đăng ký thường trú", "cư trú"),
    ("Cấp giấy phép khai thác nước dưới đất", "tài nguyên nước"),
)

# Application-form titles (tờ khai / đơn) and the agency addressed in "Kính gửi:".
APPLICATION_TITLES: tuple[tuple[str, str], ...] = (
    ("TỜ KHAI CẤP PHIẾU LÝ LỊCH TƯ PHÁP", "Sở Tư pháp {province}"),
    ("TỜ KHAI XÁC NHẬN TÌNH TRẠNG HÔN NHÂN", "Ủy ban nhân dân {commune}"),
    ("TỜ KHAI CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH", "Ủy ban nhân dân {commune}"),
    ("TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ", "Công an {commune}"),
    ("ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP XÂY DỰNG", "Ủy ban nhân dân {commune}"),
    ("ĐƠN ĐỀ NGHỊ HƯỞNG TRỢ CẤP XÃ HỘI HÀNG THÁNG", "Chủ tịch Ủy ban nhân dân {commune}"),
    ("ĐƠN ĐĂNG KÝ BIẾN ĐỘNG ĐẤT ĐAI, TÀI SẢN GẮN LIỀN VỚI ĐẤT", "Văn phòng đăng ký đất đai {province}"),
    ("ĐƠN ĐỀ NGHỊ CẤP BẢN SAO VĂN BẰNG, CHỨNG CHỈ TỪ SỔ GỐC", "Sở Giáo dục và Đào tạo {province}"),
)

EMAIL_DOMAINS: tuple[str, ...] = ("gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "icloud.com")
MOBILE_PREFIXES: tuple[str, ...] = (
    "086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039",
    "088", "091", "094", "081", "082", "083", "084", "085", "089", "090", "093", "070", "076",
    "077", "078", "079", "092", "056", "058",
)
