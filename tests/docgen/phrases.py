"""Administrative Vietnamese assembled from phrase lists, so that pages differ from seed to seed
while reading like real công văn, quyết định and báo cáo."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import codes, vocab
from .agencies import MERGER_DAY, Agency
from .people import person_name

TOPICS: tuple[str, ...] = (
    "cải cách hành chính", "chuyển đổi số", "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "quản lý đất đai", "bảo vệ môi trường", "phòng, chống thiên tai", "xây dựng nông thôn mới",
    "bảo đảm an toàn thực phẩm", "giảm nghèo bền vững", "phòng cháy, chữa cháy",
    "quản lý trật tự xây dựng", "thu ngân sách nhà nước", "tiếp công dân, giải quyết khiếu nại, tố cáo",
    "văn thư, lưu trữ", "thi đua, khen thưởng", "phòng, chống tham nhũng, tiêu cực",
    "kiểm soát thủ tục hành chính", "chăm sóc sức khỏe nhân dân", "phổ biến, giáo dục pháp luật",
    "phát triển du lịch", "giải ngân vốn đầu tư công",
)

PERIODS: tuple[str, ...] = ("6 tháng đầu", "9 tháng đầu", "quý I", "quý II", "quý III")  # + " năm 2025"

UNITS: tuple[str, ...] = (
    "Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Sở Xây dựng", "Sở Y tế", "Sở Công Thương",
    "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo", "Văn phòng Ủy ban nhân dân tỉnh",
    "Trung tâm Phục vụ hành chính công tỉnh", "Công an tỉnh", "Thanh tra tỉnh",
    "Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Phòng Hành chính - Tổng hợp", "Phòng Kế hoạch - Tài chính",
)

POSITIONS: tuple[str, ...] = (
    "chuyên viên Phòng Kinh tế", "Trưởng phòng Văn hóa - Xã hội", "Phó Giám đốc Sở Nội vụ",
    "công chức Văn phòng - Thống kê", "Phó Chánh Văn phòng Ủy ban nhân dân tỉnh",
    "Trưởng phòng Hành chính - Tổng hợp", "chuyên viên Trung tâm Phục vụ hành chính công",
    "Phó Trưởng phòng Kế hoạch - Tài chính", "công chức Tư pháp - Hộ tịch", "Chánh Thanh tra Sở",
    "Giám đốc Trung tâm Công nghệ thông tin và Truyền thông", "Phó Chủ tịch Ủy ban nhân dân xã",
)

LAWS_BEFORE_2025: tuple[str, ...] = (
    "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
    "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019",
)
LAWS_AFTER_2025: tuple[str, ...] = (
    "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
    "Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 năm 2025",
)
# (basis text, first year it can be cited)
BASES: tuple[tuple[str, int], ...] = (
    ("Luật Đất đai ngày 18 tháng 01 năm 2024", 2024),
    ("Luật Xây dựng ngày 18 tháng 6 năm 2014", 2015),
    ("Luật Bảo vệ môi trường ngày 17 tháng 11 năm 2020", 2021),
    ("Luật An toàn thực phẩm ngày 17 tháng 6 năm 2010", 2011),
    ("Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015", 2016),
    ("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", 2023),
    ("Luật Giao dịch điện tử ngày 22 tháng 6 năm 2023", 2024),
    ("Luật Lưu trữ ngày 21 tháng 6 năm 2024", 2025),
    ("Luật Hộ tịch ngày 20 tháng 11 năm 2014", 2016),
    ("Luật Cư trú ngày 13 tháng 11 năm 2020", 2021),
    ("Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư", 2020),
    ("Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế một cửa, "
     "một cửa liên thông trong giải quyết thủ tục hành chính", 2018),
    ("Nghị định số 107/2021/NĐ-CP ngày 06 tháng 12 năm 2021 của Chính phủ sửa đổi, bổ sung một số điều "
     "của Nghị định số 61/2018/NĐ-CP", 2022),
    ("Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020 của Chính phủ về thực hiện thủ tục hành chính "
     "trên môi trường điện tử", 2020),
    ("Thông tư số 01/2023/TT-VPCP ngày 05 tháng 4 năm 2023 của Văn phòng Chính phủ quy định một số nội dung "
     "và biện pháp thi hành trong số hóa hồ sơ, kết quả giải quyết thủ tục hành chính và thực hiện thủ tục "
     "hành chính trên môi trường điện tử", 2023),
    ("Nghị định số 08/2022/NĐ-CP ngày 10 tháng 01 năm 2022 của Chính phủ quy định chi tiết một số điều "
     "của Luật Bảo vệ môi trường", 2022),
    ("Nghị định số 15/2018/NĐ-CP ngày 02 tháng 02 năm 2018 của Chính phủ quy định chi tiết thi hành "
     "một số điều của Luật An toàn thực phẩm", 2018),
    ("Nghị định số 123/2015/NĐ-CP ngày 15 tháng 11 năm 2015 của Chính phủ quy định chi tiết một số điều "
     "và biện pháp thi hành Luật Hộ tịch", 2016),
)

SENTENCES: tuple[str, ...] = (
    "Thực hiện {ref}, {agency} đã chỉ đạo các cơ quan, đơn vị triển khai đồng bộ các giải pháp về {topic}.",
    "Trong {period} năm {year}, công tác {topic} trên địa bàn {area} tiếp tục được quan tâm chỉ đạo và đạt nhiều kết quả tích cực.",
    "Tổng số hồ sơ tiếp nhận là {n} hồ sơ, trong đó đã giải quyết đúng hạn {m} hồ sơ, đạt tỷ lệ {pct}.",
    "Các cơ quan, đơn vị chủ động rà soát, đề xuất sửa đổi, bổ sung các quy định không còn phù hợp với thực tiễn.",
    "Giao {unit} chủ trì, phối hợp với {unit2} hướng dẫn, kiểm tra, đôn đốc việc thực hiện; định kỳ báo cáo kết quả về {agency} trước {deadline}.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành và các nguồn huy động hợp pháp khác.",
    "Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời phản ánh về {unit} để tổng hợp, báo cáo {leader} xem xét, giải quyết.",
    "Tuy nhiên, việc thực hiện công tác {topic} tại một số địa phương còn chậm, chưa đáp ứng yêu cầu đề ra.",
    "Nguyên nhân chủ yếu là do cơ sở vật chất, trang thiết bị còn thiếu; đội ngũ cán bộ làm công tác chuyên môn chưa được đào tạo, bồi dưỡng đầy đủ.",
    "Tăng cường công tác thông tin, tuyên truyền để người dân, doanh nghiệp biết, chủ động tham gia và giám sát việc thực hiện.",
    "Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong giải quyết thủ tục hành chính, bảo đảm công khai, minh bạch, thuận lợi cho tổ chức, cá nhân.",
    "Người đứng đầu cơ quan, đơn vị chịu trách nhiệm trước {leader} về kết quả thực hiện nhiệm vụ được giao.",
    "Đến nay, {k} cơ quan, đơn vị đã hoàn thành việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực, đạt {pct} kế hoạch.",
    "Tỷ lệ hồ sơ được tiếp nhận, giải quyết trực tuyến toàn trình đạt {pct}, tăng {pct_small} so với cùng kỳ năm {prev_year}.",
    "Tổng kinh phí thực hiện là {money} đồng (Bằng chữ: {money_words} đồng).",
    "Thời gian thực hiện từ {date1} đến {date2}.",
    "Các nội dung khác không đề cập tại văn bản này thực hiện theo quy định của pháp luật hiện hành.",
    "Kiểm tra, rà soát việc niêm yết, công khai thủ tục hành chính tại Bộ phận Một cửa các cấp; xử lý nghiêm các trường hợp gây phiền hà, sách nhiễu người dân, doanh nghiệp.",
    "Bố trí công chức có năng lực, phẩm chất đạo đức tốt làm việc tại Bộ phận Một cửa; trang bị đầy đủ máy quét, máy tính và đường truyền phục vụ số hóa hồ sơ.",
    "Phối hợp với Bưu điện {province} triển khai dịch vụ bưu chính công ích trong tiếp nhận hồ sơ và trả kết quả giải quyết thủ tục hành chính.",
    "Trong kỳ, đã tổ chức {k} lớp tập huấn cho {people} lượt cán bộ, công chức về kỹ năng {topic}.",
    "Kết quả đánh giá Bộ chỉ số phục vụ người dân, doanh nghiệp đạt {score} điểm, xếp loại {grade}.",
    "Chỉ đạo quyết liệt công tác giải phóng mặt bằng, đẩy nhanh tiến độ giải ngân vốn đầu tư công năm {year}.",
    "Đến {date1}, tổng số vốn đã giải ngân là {money} đồng, đạt {pct} kế hoạch vốn được giao.",
    "Tiếp tục rà soát, cắt giảm thành phần hồ sơ, thời gian giải quyết thủ tục hành chính; tái sử dụng kết quả số hóa, không yêu cầu người dân cung cấp lại giấy tờ đã được số hóa.",
    "Bảo đảm an toàn, an ninh thông tin và bảo vệ dữ liệu cá nhân trong quá trình khai thác, sử dụng Hệ thống thông tin giải quyết thủ tục hành chính.",
    "Ủy ban nhân dân các xã, phường chịu trách nhiệm kiểm tra, giám sát việc thực hiện trên địa bàn quản lý.",
    "Tập trung chỉ đạo khắc phục những tồn tại, hạn chế đã được chỉ ra qua công tác kiểm tra năm {prev_year}.",
    "Lập hồ sơ, lưu trữ đầy đủ tài liệu hình thành trong quá trình giải quyết công việc theo quy định của pháp luật về lưu trữ.",
    "Thường xuyên theo dõi, cập nhật tiến độ trên Hệ thống thông tin giải quyết thủ tục hành chính {province}.",
    "Số vụ việc phát sinh trong kỳ là {k} vụ, giảm {pct_small} so với cùng kỳ; đã giải quyết dứt điểm {k2} vụ.",
    "Công tác phối hợp giữa các cơ quan chuyên môn với Ủy ban nhân dân cấp xã có lúc chưa chặt chẽ, thông tin báo cáo còn chậm.",
    "Rà soát, hoàn thiện cơ sở dữ liệu chuyên ngành, bảo đảm kết nối, chia sẻ với Cơ sở dữ liệu quốc gia về dân cư.",
    "Tổ chức hội nghị sơ kết, đánh giá kết quả thực hiện, kịp thời biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc.",
)

GRADES: tuple[str, ...] = ("Tốt", "Khá", "Xuất sắc")
SECTION_NUMERALS: tuple[str, ...] = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class SentenceDeck:
    """Sentence templates dealt without repetition until all are used, so paragraphs of one
    document do not repeat each other."""

    def __init__(self) -> None:
        self._cards: list[str] = []

    def draw(self, rng: random.Random) -> str:
        if not self._cards:
            self._cards = list(SENTENCES)
            rng.shuffle(self._cards)
        return self._cards.pop()


@dataclass(frozen=True)
class Context:
    """What sentences may refer to; `deck` is the document's own (mutable) sentence dealer."""

    agency: Agency
    issued: date
    topic: str
    deck: SentenceDeck = field(default_factory=SentenceDeck, compare=False)

    @property
    def province_full(self) -> str:
        return self.agency.province.full if self.agency.province else "tỉnh"


def doc_reference(rng: random.Random, ctx: Context) -> str:
    """'Kế hoạch số 89/KH-UBND ngày 15 tháng 8 năm 2024 của Ủy ban nhân dân tỉnh …'."""
    kind, symbol = rng.choice((("Quyết định", "QĐ"), ("Kế hoạch", "KH"), ("Công văn", ""), ("Chỉ thị", "CT")))
    when = ctx.issued - timedelta(days=rng.randint(15, 400))
    if ctx.agency.kind == "ministry" or rng.random() < 0.3:
        issuer, issuer_symbol = "Thủ tướng Chính phủ", "TTg"
        if kind == "Công văn":
            kind, symbol = "Quyết định", "QĐ"
    else:
        issuer = f"Ủy ban nhân dân {ctx.province_full}"
        issuer_symbol = "UBND"
    full_symbol = f"{issuer_symbol}-{rng.choice(('VP', 'KT', 'VX'))}" if not symbol else f"{symbol}-{issuer_symbol}"
    return f"{kind} số {codes.doc_number(rng.randint(1, 2500))}/{full_symbol} {codes.date_words(when)} của {issuer}"


def money(rng: random.Random) -> int:
    return rng.randint(12, 9_800) * 1_000_000 + rng.choice((0, 0, 500_000))


def sentence(rng: random.Random, ctx: Context, template: str | None = None) -> str:
    template = template or ctx.deck.draw(rng)
    n = rng.randint(800, 95_000)
    amount = money(rng)
    start = ctx.issued + timedelta(days=rng.randint(5, 40))
    slots = {
        "ref": doc_reference(rng, ctx),
        "agency": ctx.agency.name,
        "topic": rng.choice(TOPICS) if rng.random() < 0.4 else ctx.topic,
        "period": rng.choice(PERIODS),
        "year": ctx.issued.year,
        "prev_year": ctx.issued.year - 1,
        "area": ctx.agency.area,
        "n": codes.thousands(n),
        "m": codes.thousands(int(n * rng.uniform(0.9, 0.995))),
        "pct": codes.percent(rng.uniform(75, 99.9)),
        "pct_small": codes.percent(rng.uniform(1, 15)),
        "unit": (unit := rng.choice(UNITS)),
        "unit2": rng.choice([u for u in UNITS if u != unit]),
        "deadline": codes.date_words(ctx.issued + timedelta(days=rng.randint(20, 200))),
        "leader": ctx.agency.leader,
        "k": rng.randint(3, 45),
        "k2": rng.randint(1, 3),
        "people": codes.thousands(rng.randint(120, 4_500)),
        "money": codes.thousands(amount),
        "money_words": codes.number_words(amount),
        "date1": codes.date_words(start),
        "date2": codes.date_words(start + timedelta(days=rng.randint(60, 300))),
        "province": ctx.province_full,
        "score": codes.percent(rng.uniform(70, 95)).rstrip("%"),
        "grade": rng.choice(GRADES),
    }
    return template.format(**slots)


def paragraph(rng: random.Random, ctx: Context, sentences: tuple[int, int] = (1, 3)) -> str:
    return " ".join(sentence(rng, ctx) for _ in range(rng.randint(*sentences)))


def bases(rng: random.Random, ctx: Context, count: int) -> list[str]:
    """'Căn cứ …' lines: the organisation law first, then specialised laws and decrees in force."""
    laws = LAWS_AFTER_2025 if ctx.issued >= MERGER_DAY else LAWS_BEFORE_2025
    first = [laws[0]] if rng.random() < 0.7 or len(laws) < 2 else list(laws)
    pool = [text for text, year in BASES if year <= ctx.issued.year]
    rng.shuffle(pool)
    return [f"Căn cứ {t};" for t in (first + pool)[: max(1, count)]]


def proposal_basis(rng: random.Random, ctx: Context) -> str:
    """The closing basis line: who proposed the decision ('Theo đề nghị của …')."""
    a = ctx.agency
    when = ctx.issued - timedelta(days=rng.randint(2, 30))
    if a.kind in ("province_committee", "commune_committee"):
        proposers = ((("Giám đốc Sở Nội vụ", "SNV"), ("Giám đốc Sở Tài chính", "STC"), ("Giám đốc Sở Tư pháp", "STP"))
                     if a.kind == "province_committee" else
                     (("Trưởng phòng Kinh tế", "PKT"), ("Trưởng phòng Văn hóa - Xã hội", "PVHXH")))
        proposer, symbol = rng.choice(proposers)
        return (f"Theo đề nghị của {proposer} tại Tờ trình số {codes.doc_number(rng.randint(1, 900))}/TTr-{symbol} "
                f"{codes.date_words(when)}.")
    return rng.choice(("Theo đề nghị của Chánh Văn phòng.", "Theo đề nghị của Trưởng phòng Hành chính - Tổng hợp.",
                       "Theo đề nghị của Trưởng phòng Kế hoạch - Tài chính."))


def official(rng: random.Random) -> str:
    male = rng.random() < 0.55
    return f"{'Ông' if male else 'Bà'} {person_name(rng, male)}"


def titled_list_item(rng: random.Random, i: int, role: str | None = None) -> str:
    """'3. Bà Trần Thị Lan, chuyên viên Phòng Kinh tế - Thành viên;'."""
    tail = f" - {role}" if role else ""
    return f"{i}. {official(rng)}, {rng.choice(POSITIONS)}{tail};"


def procedure_item(rng: random.Random, i: int) -> str:
    name, _field = vocab.PROCEDURES[(i - 1) % len(vocab.PROCEDURES)]
    return f"{i}. {name} (mã thủ tục {codes.procedure_code(rng)});"


def budget_item(rng: random.Random, i: int, ctx: Context) -> str:
    return f"{i}. {rng.choice(UNITS)}: {codes.thousands(money(rng))} đồng;"
