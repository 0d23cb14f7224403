<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="24"/>
        <source>Cán bộ tiếp nhận (một cửa)</source>
        <translation>One-stop desk clerk</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="25"/>
        <source>Nhân viên bưu điện</source>
        <translation>Postal employee</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="26"/>
        <source>Cán bộ lưu trữ</source>
        <translation>Archivist</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="27"/>
        <source>Dấu người số hóa</source>
        <translation>Digitizer stamp</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="28"/>
        <source>Dấu bản sao điện tử</source>
        <translation>Electronic copy stamp</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="29"/>
        <source>Không đóng dấu</source>
        <translation>No stamp</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="30"/>
        <source>Tự chọn (B-LTA khi có máy chủ dấu thời gian, không thì B-B)</source>
        <translation>Automatic (B-LTA with a timestamp server, else B-B)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="57"/>
        <source>Cài đặt máy trạm</source>
        <translation>Workstation settings</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="80"/>
        <location filename="../../desktop/screens/settings_dialog.py" line="265"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="83"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="85"/>
        <source>Xuất tệp cấu hình…</source>
        <translation>Export settings file…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="87"/>
        <source>Nhập tệp cấu hình…</source>
        <translation>Import settings file…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="133"/>
        <source>Người làm việc</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="134"/>
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="134"/>
        <source>ghi vào nhật ký và biên bản</source>
        <translation>written in the audit trail and on handover lists</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="135"/>
        <source>Vai trò:</source>
        <translation>Role:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="136"/>
        <source>Tên cơ quan:</source>
        <translation>Agency name:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="136"/>
        <source>ví dụ: UBND phường Bến Nghé</source>
        <translation>e.g. UBND phường Bến Nghé</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="137"/>
        <source>Mã cơ quan:</source>
        <translation>Agency code:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="137"/>
        <source>mã định danh QCVN 102:2016, ví dụ 000.00.00.H38</source>
        <translation>QCVN 102:2016 identifier, e.g. 000.00.00.H38</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="138"/>
        <source>Bưu cục:</source>
        <translation>Post office:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="138"/>
        <source>nhân viên bưu điện: bưu cục ghi trên biên bản bàn giao</source>
        <translation>postal staff: the post office named on handover lists</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="143"/>
        <source>Kho dữ liệu</source>
        <translation>Data store</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="144"/>
        <source>Địa chỉ kho:</source>
        <translation>Store address:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="144"/>
        <source>để trống: kho dữ liệu tích hợp trên máy này</source>
        <translation>empty: the built-in store on this computer</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="145"/>
        <source>Mã máy trạm (client id):</source>
        <translation>Workstation client id:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="149"/>
        <source>Khóa bí mật (client secret):</source>
        <translation>Client secret:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="155"/>
        <source>Khóa bí mật được cất trong kho khóa của hệ điều hành, không ghi vào tệp cấu hình nào.</source>
        <translation>The client secret is kept in the operating system&apos;s keyring, never in a settings file.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="158"/>
        <source>Máy này không có kho khóa của hệ điều hành (Secret Service, Windows Credential Manager, Keychain): khóa bí mật chỉ được giữ trong bộ nhớ đến khi đóng ứng dụng, không ghi ra tệp nào; mở lại ứng dụng thì nhập lại.</source>
        <translation>This computer has no operating-system keyring (Secret Service, Windows Credential Manager, Keychain): the client secret is kept in memory only until the app closes, never written to a file; type it again after reopening the app.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="165"/>
        <source>Ký số</source>
        <translation>Signing</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="166"/>
        <source>Chọn thẻ ký số…</source>
        <translation>Choose signing token…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="170"/>
        <source>Màn hình ký số chưa có trên máy này: nhập đường dẫn mô-đun.</source>
        <translation>The signing screen is not available here: type the module path.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="173"/>
        <source>Mô-đun PKCS#11:</source>
        <translation>PKCS#11 module:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="173"/>
        <source>để trống: chữ ký DEMO (không có giá trị pháp lý)</source>
        <translation>empty: the DEMO signature (no legal value)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="174"/>
        <source>Số sê-ri thẻ:</source>
        <translation>Token serial:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="175"/>
        <source>Mã khóa (key id):</source>
        <translation>Key id:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="175"/>
        <source>số hex, ví dụ a1b2</source>
        <translation>hexadecimal, e.g. a1b2</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="176"/>
        <source>Máy chủ dấu thời gian (TSA):</source>
        <translation>Timestamp server (TSA):</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="177"/>
        <source>Mức chữ ký PAdES:</source>
        <translation>PAdES signature level:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="179"/>
        <source>Mẫu dấu:</source>
        <translation>Stamp:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="186"/>
        <source>Quét</source>
        <translation>Scanning</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="187"/>
        <location filename="../../desktop/screens/settings_dialog.py" line="397"/>
        <source>Máy quét đầu tiên tìm thấy</source>
        <translation>The first scanner found</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="188"/>
        <location filename="../../desktop/screens/settings_dialog.py" line="389"/>
        <source>Tìm máy quét</source>
        <translation>Find scanners</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="194"/>
        <source>Máy quét:</source>
        <translation>Scanner:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="195"/>
        <source>Theo màn hình quét</source>
        <translation>As chosen on the scan screen</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="198"/>
        <source>Cấu hình quét:</source>
        <translation>Scan profile:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="205"/>
        <source>Chung</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="206"/>
        <source>để trống: thư mục dữ liệu của người dùng</source>
        <translation>empty: the user&apos;s data folder</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="207"/>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="213"/>
        <source>Thư mục kho làm việc:</source>
        <translation>Workspace folder:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="214"/>
        <source>Ngôn ngữ:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="220"/>
        <source>Tỷ lệ kiểm tra lại của lô:</source>
        <translation>Share of a batch checked again:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="221"/>
        <source>Ngôn ngữ mới được dùng ngay khi lưu; thư mục kho làm việc mới từ lần mở ứng dụng sau.</source>
        <translation>A new language applies as soon as it is saved; a new workspace folder the next time the app opens.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="261"/>
        <source>đã có (để trống: giữ nguyên)</source>
        <translation>already kept (leave empty to keep it)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="304"/>
        <source>Đang kiểm tra kho dữ liệu, thẻ ký số và máy chủ dấu thời gian…</source>
        <translation>Checking the data store, the signing token and the timestamp server…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="322"/>
        <source>Kiểm tra cài đặt</source>
        <translation>Checking the settings</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="326"/>
        <source>Cài đặt đã đổi trong lúc kiểm tra; bấm Lưu để kiểm tra lại.</source>
        <translation>The settings changed while they were checked; press Save to check again.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="334"/>
        <source>Bấm “Vẫn lưu” để lưu như vậy, hoặc sửa rồi bấm Lưu.</source>
        <translation>Press “Save anyway” to save them like this, or correct them and press Save.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="337"/>
        <source>Vẫn lưu</source>
        <translation>Save anyway</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="350"/>
        <source>Cần nhập mã máy trạm (client id) cùng với khóa bí mật.</source>
        <translation>Type the workstation client id together with the secret.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="385"/>
        <source>Đang tìm máy quét…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="401"/>
        <source>%1 (không thấy lúc này)</source>
        <translation>%1 (not found now)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/screens/settings_dialog.py" line="403"/>
        <source>Tìm thấy %n máy quét.</source>
        <translation>
            <numerusform>%n scanner found.</numerusform>
            <numerusform>%n scanners found.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="404"/>
        <source>Không tìm thấy máy quét nào. Kiểm tra máy đã bật và đã cắm cáp.</source>
        <translation>No scanner found. Check that it is switched on and plugged in.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="423"/>
        <source>Đã xuất cài đặt ra %1 (không gồm khóa bí mật, tên người làm việc và thẻ ký số).</source>
        <translation>Settings exported to %1 (without the secret, the operator&apos;s name and the signing token).</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="437"/>
        <source>Đã nhập cài đặt từ %1; kiểm tra rồi bấm Lưu để dùng.</source>
        <translation>Settings imported from %1; check them, then press Save to use them.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="441"/>
        <source>Tệp cấu hình SoHoa (*.json)</source>
        <translation>SoHoa settings files (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="451"/>
        <source>Xuất tệp cấu hình</source>
        <translation>Export settings file</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="456"/>
        <source>Nhập tệp cấu hình</source>
        <translation>Import settings file</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings_dialog.py" line="459"/>
        <source>Thư mục kho làm việc</source>
        <translation>Workspace folder</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../desktop/screens/settings.py" line="74"/>
        <source>Đã lưu cài đặt.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings.py" line="76"/>
        <source>Khóa bí mật đã cất vào kho khóa của hệ điều hành.</source>
        <translation>The secret is in the operating system&apos;s keyring.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings.py" line="78"/>
        <source>Khóa bí mật chỉ được giữ đến khi đóng ứng dụng (máy không có kho khóa).</source>
        <translation>The secret is kept only until the app closes (no keyring on this computer).</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings.py" line="81"/>
        <source>Thư mục kho làm việc mới được dùng từ lần mở ứng dụng sau.</source>
        <translation>A new workspace folder applies the next time the app opens.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/settings.py" line="68"/>
        <location filename="../../desktop/screens/settings.py" line="103"/>
        <source>Cài đặt…</source>
        <translation>Settings…</translation>
    </message>
</context>
</TS>
