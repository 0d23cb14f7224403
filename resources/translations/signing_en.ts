<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../desktop/screens/signing_pin.py" line="99"/>
        <location filename="../../desktop/screens/signing_pin.py" line="105"/>
        <source>Ký số</source>
        <translation>Sign</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/screens/signing_pin.py" line="103"/>
        <source>Ký số %n tài liệu đã kiểm tra</source>
        <translation>
            <numerusform>Sign %n reviewed document</numerusform>
            <numerusform>Sign %n reviewed documents</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_pin.py" line="114"/>
        <source>Người ký:</source>
        <translation>Signer:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_pin.py" line="115"/>
        <source>Nhà cung cấp:</source>
        <translation>Issuer:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_pin.py" line="116"/>
        <source>Khóa ký:</source>
        <translation>Signing key:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_pin.py" line="119"/>
        <source>Đây là danh tính DEMO để thử: chữ ký không có giá trị pháp lý. Chọn thẻ ký số thật trong Ký số › Chọn thẻ ký số…</source>
        <translation>This is the DEMO identity for trying things out: its signatures have no legal value. Choose a real signing token in Sign › Choose signing token…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_pin.py" line="136"/>
        <source>Dấu trên trang 1 của tài liệu đầu tiên (vùng tô vàng):</source>
        <translation>The stamp on page 1 of the first document (yellow area):</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_pin.py" line="138"/>
        <source>Chữ ký không hiện trên trang (mẫu dấu: không có).</source>
        <translation>The signature is not shown on the page (stamp profile: none).</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_pin.py" line="151"/>
        <source>Dấu đã được dời khỏi chữ in để không che nội dung.</source>
        <translation>The stamp was moved off the print so it covers no text.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_pin.py" line="164"/>
        <source>Mã PIN của thẻ:</source>
        <translation>Token PIN:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_pin.py" line="169"/>
        <source>Nhập mã PIN trên bàn phím của đầu đọc thẻ khi đầu đọc yêu cầu.</source>
        <translation>Type the PIN on the card reader&apos;s keypad when the reader asks for it.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_pin.py" line="173"/>
        <source>Mã PIN được hỏi một lần cho cả lượt ký, không được lưu lại.</source>
        <translation>The PIN is asked once for the whole run and is never stored.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_pin.py" line="179"/>
        <source>Ký</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_pin.py" line="179"/>
        <source>Tiếp tục</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_pin.py" line="181"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SigningErrors</name>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="22"/>
        <source>Thẻ đã bị khóa vì nhập sai mã PIN quá số lần cho phép.</source>
        <translation>The token is locked: the PIN was wrong too many times.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="24"/>
        <source>Chỉ còn 1 lần thử: nhập sai lần nữa thẻ sẽ bị khóa.</source>
        <translation>Only 1 try left: one more wrong PIN locks the token.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="26"/>
        <source>Chỉ còn ít lần thử trước khi thẻ bị khóa.</source>
        <translation>Only a few tries left before the token locks.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="27"/>
        <source>Thẻ chưa báo sắp hết lần thử; phần lớn thẻ bị khóa sau 3 đến 10 lần nhập sai liên tiếp.</source>
        <translation>The token does not report its tries running low; most tokens lock after 3 to 10 wrong PINs in a row.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="40"/>
        <source>Thẻ ký số cần mã PIN nhưng chưa có mã nào được nhập. Chưa ký tài liệu nào.</source>
        <translation>The signing token needs a PIN but none was typed. No document was signed.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="41"/>
        <source>Ký lại và nhập mã PIN của thẻ vào hộp thoại.</source>
        <translation>Sign again and type the token&apos;s PIN into the dialog.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="43"/>
        <source>Thẻ ký số đã bị khóa mã PIN. Chưa ký tài liệu nào.</source>
        <translation>The signing token&apos;s PIN is locked. No document was signed.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="44"/>
        <source>Mở khóa thẻ bằng mã PUK (SO PIN) hoặc phần mềm của nhà cung cấp chứng thư số, rồi ký lại.</source>
        <translation>Unlock the token with its PUK (SO PIN) or the certificate provider&apos;s software, then sign again.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="46"/>
        <source>Thẻ ký số không nhận mã PIN vừa nhập. Chưa ký tài liệu nào.</source>
        <translation>The signing token refused the PIN. No document was signed.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="48"/>
        <source>Kiểm tra lại mã PIN (đúng thẻ, tắt Caps Lock) rồi ký lại bằng Ctrl+Shift+S. Ứng dụng không tự thử lại mã PIN để thẻ không bị khóa.</source>
        <translation>Check the PIN (the right token, Caps Lock off), then sign again with Ctrl+Shift+S. The app never retries a PIN by itself, so the token does not lock.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="52"/>
        <source>Chứng thư số đã hết hạn ngày %1: không được dùng để ký.</source>
        <translation>The certificate expired on %1: it must not be used to sign.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="54"/>
        <source>Chứng thư số chỉ có hiệu lực từ ngày %1: chưa dùng để ký được.</source>
        <translation>The certificate is valid only from %1: it cannot sign yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="56"/>
        <source>Chứng thư số đã bị nhà cung cấp thu hồi: không được dùng để ký.</source>
        <translation>The certificate was revoked by its provider: it must not be used to sign.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="58"/>
        <source>Chứng thư số này không phải chứng thư dùng để ký văn bản.</source>
        <translation>This certificate is not one for signing documents.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="59"/>
        <source>Chưa ký tài liệu nào.</source>
        <translation>No document was signed.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="60"/>
        <source>Gia hạn hoặc xin cấp chứng thư mới tại nhà cung cấp dịch vụ chứng thực, hoặc chọn thẻ khác (Ký số › Chọn thẻ ký số…).</source>
        <translation>Renew it or get a new certificate from the certification service provider, or choose another token (Sign › Choose signing token…).</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="64"/>
        <source>Không nạp được thư viện PKCS#11 của thẻ ký số. Chưa ký tài liệu nào.</source>
        <translation>The signing token&apos;s PKCS#11 library could not be loaded. No document was signed.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="65"/>
        <source>Cài phần mềm đi kèm thẻ, hoặc chọn lại thư viện (Ký số › Chọn thẻ ký số…).</source>
        <translation>Install the token&apos;s software, or choose the library again (Sign › Choose signing token…).</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="67"/>
        <source>Không thấy thẻ ký số đã chọn trên máy. Chưa ký tài liệu nào.</source>
        <translation>The chosen signing token is not plugged in. No document was signed.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="68"/>
        <source>Cắm thẻ vào máy (hoặc chọn thẻ khác trong Ký số › Chọn thẻ ký số…) rồi ký lại.</source>
        <translation>Plug the token in (or choose another one in Sign › Choose signing token…), then sign again.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="70"/>
        <source>Có nhiều thẻ hoặc nhiều khóa ký, chưa biết dùng cái nào. Chưa ký tài liệu nào.</source>
        <translation>There are several tokens or signing keys and none is chosen. No document was signed.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="71"/>
        <source>Chọn thẻ và chứng thư trong Ký số › Chọn thẻ ký số…, rồi ký lại.</source>
        <translation>Choose the token and certificate in Sign › Choose signing token…, then sign again.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="72"/>
        <source>Không dùng được thẻ ký số (%1). Chưa ký tài liệu nào.</source>
        <translation>The signing token cannot be used (%1). No document was signed.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="73"/>
        <source>Rút thẻ ra, cắm lại rồi ký lại; nếu vẫn lỗi, báo bộ phận kỹ thuật.</source>
        <translation>Unplug the token, plug it in again and sign again; if it still fails, tell technical support.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="75"/>
        <source>Không ký được (%1).</source>
        <translation>Could not sign (%1).</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_errors.py" line="76"/>
        <source>Thử ký lại; nếu vẫn lỗi, báo bộ phận kỹ thuật kèm thời điểm xảy ra lỗi.</source>
        <translation>Try signing again; if it fails again, tell technical support when it happened.</translation>
    </message>
</context>
<context>
    <name>SigningScreen</name>
    <message>
        <location filename="../../desktop/screens/signing.py" line="40"/>
        <source>Chưa ký số (%1)</source>
        <translation>Not signed (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="42"/>
        <source>Đã ký · chưa kiểm tra chữ ký</source>
        <translation>Signed · signature not verified yet</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="46"/>
        <source>CHỮ KÝ KHÔNG HỢP LỆ: tệp đã bị thay đổi sau khi ký hoặc bị hỏng</source>
        <translation>SIGNATURE NOT VALID: the file was changed after signing or is damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="48"/>
        <source>chữ ký DEMO nguyên vẹn, không có giá trị pháp lý</source>
        <translation>DEMO signature intact, no legal value</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="50"/>
        <source>chữ ký hợp lệ</source>
        <translation>signature valid</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="52"/>
        <source>chữ ký nguyên vẹn nhưng chứng thư chưa được tin cậy (máy chưa cài chứng thư gốc)</source>
        <translation>signature intact but the certificate is not trusted (the root certificate is not installed on this machine)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="53"/>
        <source>Đã ký</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="69"/>
        <source>Mức chữ ký: PAdES %1</source>
        <translation>Signature level: PAdES %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="70"/>
        <source>Nội dung: không bị thay đổi sau khi ký</source>
        <translation>Content: unchanged since signing</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="71"/>
        <source>Nội dung: ĐÃ BỊ THAY ĐỔI hoặc hỏng sau khi ký</source>
        <translation>Content: CHANGED or damaged after signing</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="72"/>
        <source>Chứng thư: được tin cậy</source>
        <translation>Certificate: trusted</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="73"/>
        <source>Chứng thư: không thuộc danh sách chứng thư gốc tin cậy của máy này</source>
        <translation>Certificate: not under a root certificate this machine trusts</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="75"/>
        <source>Kiểm tra lúc %1</source>
        <translation>Verified at %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="374"/>
        <source>Chữ ký số</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="142"/>
        <source>Ký tài liệu đã kiểm tra của hồ sơ</source>
        <translation>Sign the dossier&apos;s reviewed documents</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="143"/>
        <source>Ký tài liệu đã kiểm tra của cả lô</source>
        <translation>Sign the whole batch&apos;s reviewed documents</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="144"/>
        <source>Ký mọi tài liệu đã kiểm tra trong ngày</source>
        <translation>Sign all of the day&apos;s reviewed documents</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="145"/>
        <source>Kiểm tra lại chữ ký của tài liệu</source>
        <translation>Verify the document&apos;s signature again</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="146"/>
        <source>Chọn thẻ ký số…</source>
        <translation>Choose signing token…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="149"/>
        <source>Kiểm tra lại chữ ký</source>
        <translation>Verify the signature again</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="163"/>
        <source>Chọn một hồ sơ để ký.</source>
        <translation>Select a dossier to sign.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="171"/>
        <source>Chọn một tài liệu của lô cần ký.</source>
        <translation>Select a document of the batch to sign.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="183"/>
        <source>Chưa ký được cả lô: %1.</source>
        <translation>The batch cannot be signed yet: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="184"/>
        <source>Kiểm tra chất lượng các tài liệu mẫu của lô trước, rồi ký lại.</source>
        <translation>Check the batch&apos;s quality-control sample first, then sign again.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="198"/>
        <source>Đang ký một lượt khác; chờ lượt đó xong.</source>
        <translation>Another signing run is under way; wait for it to end.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="201"/>
        <source>Không có tài liệu nào đã kiểm tra đang chờ ký.</source>
        <translation>No reviewed document is waiting to be signed.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="206"/>
        <location filename="../../desktop/screens/signing.py" line="308"/>
        <source>Sửa cấu hình trong phần Cài đặt rồi ký lại.</source>
        <translation>Fix the configuration in Settings, then sign again.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="220"/>
        <location filename="../../desktop/screens/signing.py" line="320"/>
        <source>Đọc thẻ ký số</source>
        <translation>Reading the signing token</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="237"/>
        <source>Đã hủy, chưa ký tài liệu nào.</source>
        <translation>Cancelled; no document was signed.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="266"/>
        <source>Ký số</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="271"/>
        <source>Ký số: đã ký %1/%2 tài liệu</source>
        <translation>Signing: %1/%2 documents signed</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="279"/>
        <source>Đã ký %1 tài liệu (%2 chữ ký đã kiểm tra hợp lệ)</source>
        <translation>Signed %1 documents (%2 signatures verified valid)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="282"/>
        <source>đã dừng theo yêu cầu, %1 tài liệu vẫn chờ ký</source>
        <translation>stopped as asked, %1 documents still waiting to be signed</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="284"/>
        <source>Tài liệu %1: %2</source>
        <translation>Document %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="287"/>
        <source>Đã dừng: %1 tài liệu chưa ký, vẫn chờ ký.</source>
        <translation>Stopped: %1 documents not signed, still waiting to be signed.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="290"/>
        <source>Kiểm tra thẻ và tệp của các tài liệu này rồi ký lại.</source>
        <translation>Check the token and these documents’ files, then sign again.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="341"/>
        <source>Đã lưu lựa chọn thẻ ký số.</source>
        <translation>The signing token choice was saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="356"/>
        <source>Chưa chọn tài liệu.</source>
        <translation>No document selected.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="380"/>
        <source>Tài liệu này chưa được ký.</source>
        <translation>This document is not signed yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="401"/>
        <source>Kiểm tra chữ ký</source>
        <translation>Verifying the signature</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="423"/>
        <source>danh tính DEMO của máy này (không cần thẻ)</source>
        <translation>this machine&apos;s DEMO identity (no token needed)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing.py" line="441"/>
        <source>thẻ %1 (số sê-ri %2)</source>
        <translation>token %1 (serial %2)</translation>
    </message>
</context>
<context>
    <name>TokenPicker</name>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="41"/>
        <source>Đã hết hạn – không dùng được</source>
        <translation>Expired – cannot be used</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="43"/>
        <source>Chưa đến ngày hiệu lực – chưa dùng được</source>
        <translation>Not valid yet – cannot be used</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="45"/>
        <source>Không phải chứng thư ký – không dùng được</source>
        <translation>Not a signing certificate – cannot be used</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="47"/>
        <source>Còn %1 ngày – sắp hết hạn, cần gia hạn</source>
        <translation>%1 days left – expires soon, renew it</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="48"/>
        <source>Còn %1 ngày</source>
        <translation>%1 days left</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="56"/>
        <source>Chứng thư số của %1 hết hạn ngày %2 (còn %3 ngày). Liên hệ nhà cung cấp để gia hạn trước ngày này, nếu không sẽ không ký được.</source>
        <translation>%1&apos;s certificate expires on %2 (%3 days left). Ask the provider to renew it before then, or signing will stop.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="70"/>
        <source>Chọn thẻ ký số</source>
        <translation>Choose signing token</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="79"/>
        <source>Thư viện PKCS#11:</source>
        <translation>PKCS#11 library:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="85"/>
        <source>Đọc thẻ</source>
        <translation>Read tokens</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="92"/>
        <source>Thẻ / người được cấp</source>
        <translation>Token / holder</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="92"/>
        <source>Nhà cung cấp</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="93"/>
        <source>Hiệu lực</source>
        <translation>Validity</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="93"/>
        <source>Thời hạn</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="110"/>
        <source>Dùng thẻ này</source>
        <translation>Use this token</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="112"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="128"/>
        <source>Danh tính DEMO (mặc định, không có giá trị pháp lý)</source>
        <translation>DEMO identity (default, no legal value)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="131"/>
        <source>Đang dùng: %1</source>
        <translation>In use: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="166"/>
        <source>Đang đọc thẻ…</source>
        <translation>Reading tokens…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="174"/>
        <source>Đọc thẻ ký số</source>
        <translation>Reading the signing token</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="185"/>
        <source>tự ký, không ai tin cậy</source>
        <translation>self-signed, trusted by nobody</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="189"/>
        <source>Danh tính DEMO ký được ngay, không cần thẻ, nhưng chữ ký không có giá trị pháp lý. Dùng để thử cả quy trình trước khi có thẻ ký số.</source>
        <translation>The DEMO identity signs at once, with no token, but its signatures have no legal value. Use it to try the whole chain before a signing token arrives.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="201"/>
        <source>%1 · số sê-ri %2</source>
        <translation>%1 · serial %2</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="207"/>
        <source>(không có chứng thư ký nào trên thẻ)</source>
        <translation>(no signing certificate on this token)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="228"/>
        <source>Không thấy thẻ nào trong thư viện này. Cắm thẻ vào máy rồi bấm “Đọc thẻ”.</source>
        <translation>No token found in this library. Plug the token in, then press “Read tokens”.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="230"/>
        <source>Không có chứng thư nào dùng được để ký trên các thẻ này.</source>
        <translation>No certificate on these tokens can be used to sign.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/signing_tokens.py" line="232"/>
        <source>Chọn chứng thư dùng để ký. Chứng thư sắp hết hạn (dưới %1 ngày) được đánh dấu.</source>
        <translation>Choose the certificate to sign with. Certificates expiring soon (within %1 days) are marked.</translation>
    </message>
</context>
</TS>
