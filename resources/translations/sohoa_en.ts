<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi_VN">
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/app.py" line="67"/>
        <source>SoHoa – Không mở được kho làm việc</source>
        <translation>SoHoa – Cannot open the workspace</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="69"/>
        <source>Kiểm tra thư mục kho làm việc (biến SOHOA_WORKSPACE) rồi mở lại ứng dụng.</source>
        <translation>Check the workspace folder (the SOHOA_WORKSPACE variable), then open the app again.</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <location filename="../../desktop/dossier_list.py" line="102"/>
        <source>Tài liệu %1</source>
        <translation>Document %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_list.py" line="105"/>
        <source>Lỗi: %1</source>
        <translation>Error: %1</translation>
    </message>
</context>
<context>
    <name>DocumentState</name>
    <message>
        <location filename="../../desktop/formatting.py" line="23"/>
        <source>Đã quét</source>
        <translation>Scanned</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="24"/>
        <source>Đã nhận dạng chữ</source>
        <translation>Text recognised</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="25"/>
        <source>Chờ kiểm tra</source>
        <translation>Awaiting review</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="26"/>
        <source>Đã kiểm tra</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="27"/>
        <source>Đã ký số</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="28"/>
        <source>Chờ gửi</source>
        <translation>Waiting to upload</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="29"/>
        <source>Đã gửi</source>
        <translation>Uploaded</translation>
    </message>
</context>
<context>
    <name>DossierList</name>
    <message>
        <location filename="../../desktop/dossier_list.py" line="30"/>
        <source>Hồ sơ chưa có mã (số %1)</source>
        <translation>Dossier without a code (no. %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_list.py" line="71"/>
        <source>Chưa có tài liệu</source>
        <translation>No documents yet</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../desktop/errors.py" line="25"/>
        <source>Kiểm tra lại thông tin vừa nhập rồi thử lại.</source>
        <translation>Check what you entered, then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="31"/>
        <source>Không đọc được trang: %1</source>
        <translation>Cannot read the page: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="32"/>
        <source>Quét lại trang này hoặc chọn tệp khác.</source>
        <translation>Scan this page again or choose another file.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="35"/>
        <source>Không đọc hoặc ghi được tệp%1 (%2).</source>
        <translation>Cannot read or write the file%1 (%2).</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="37"/>
        <source>Kiểm tra ổ đĩa còn chỗ trống và quyền ghi vào thư mục, rồi thử lại.</source>
        <translation>Check that the disk has free space and the folder can be written to, then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="38"/>
        <source>Đã có lỗi không mong đợi (%1).</source>
        <translation>An unexpected error occurred (%1).</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="39"/>
        <source>Thử lại; nếu lỗi lặp lại, báo cho bộ phận kỹ thuật kèm thời điểm xảy ra lỗi.</source>
        <translation>Try again; if the error comes back, tell technical support when it happened.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="45"/>
        <source>SoHoa – Có lỗi</source>
        <translation>SoHoa – Error</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="49"/>
        <source>Đã hiểu</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../../desktop/help_overlay.py" line="23"/>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../desktop/help_overlay.py" line="27"/>
        <source>Nhấn Esc hoặc F1 để đóng.</source>
        <translation>Press Esc or F1 to close.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="48"/>
        <source>SoHoa – Số hóa hồ sơ</source>
        <translation>SoHoa – Digitizing dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="70"/>
        <source>Trang</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="71"/>
        <source>Kiểm tra</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="104"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="134"/>
        <source>Thanh công cụ</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="138"/>
        <source>Quét</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="139"/>
        <source>Nhập tệp…</source>
        <translation>Import files…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="140"/>
        <source>Hồ sơ mới…</source>
        <translation>New dossier…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="141"/>
        <source>Xem trang</source>
        <translation>Show pages</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="142"/>
        <source>Kiểm tra trường thông tin</source>
        <translation>Review fields</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="144"/>
        <source>Chọn danh sách hồ sơ</source>
        <translation>Go to the dossier list</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="145"/>
        <source>Chọn danh sách tài liệu</source>
        <translation>Go to the document list</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="146"/>
        <source>Ngày trước</source>
        <translation>Previous day</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="147"/>
        <source>Ngày sau</source>
        <translation>Next day</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="148"/>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="149"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="150"/>
        <source>Hủy việc đang chạy</source>
        <translation>Cancel the running work</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="151"/>
        <source>Trợ giúp phím tắt</source>
        <translation>Keyboard shortcuts help</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="154"/>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="157"/>
        <source>&amp;Hồ sơ</source>
        <translation>&amp;Dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="162"/>
        <source>&amp;Xem</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="165"/>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="168"/>
        <source>&amp;Trợ giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="175"/>
        <source>Hồ sơ nhận ngày %1 (%2)</source>
        <translation>Dossiers received on %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="236"/>
        <source>Chưa chọn hồ sơ</source>
        <translation>No dossier selected</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="240"/>
        <source>Hồ sơ %1: %2</source>
        <translation>Dossier %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="241"/>
        <source>chưa có tài liệu</source>
        <translation>no documents yet</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="245"/>
        <source>Tài liệu %1: %2</source>
        <translation>Document %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="268"/>
        <source>Chức năng quét chưa sẵn sàng trên máy này.</source>
        <translation>Scanning is not available on this machine yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="271"/>
        <source>Hồ sơ mới</source>
        <translation>New dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="272"/>
        <source>Mã hồ sơ (để trống nếu hồ sơ chưa có mã):</source>
        <translation>Dossier code (leave empty if the dossier has no code yet):</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="284"/>
        <location filename="../../desktop/main_window.py" line="305"/>
        <source>Nhập tệp</source>
        <translation>Import files</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="285"/>
        <source>Ảnh và PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</source>
        <translation>Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/main_window.py" line="298"/>
        <source>Đã nhập %n tài liệu</source>
        <translation><numerusform>Imported %n document</numerusform><numerusform>Imported %n documents</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="302"/>
        <source>Kiểm tra tệp rồi nhập lại.</source>
        <translation>Check the file, then import it again.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="315"/>
        <source>Ngôn ngữ mới được dùng từ lần mở ứng dụng sau.</source>
        <translation>The new language is used from the next start of the app.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="352"/>
        <source>Đang hủy…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>PagesView</name>
    <message>
        <location filename="../../desktop/pages_view.py" line="26"/>
        <location filename="../../desktop/pages_view.py" line="40"/>
        <source>Chưa chọn tài liệu</source>
        <translation>No document selected</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pages_view.py" line="43"/>
        <source>Tài liệu %1: %n trang</source>
        <translation><numerusform>Document %1: %n page</numerusform><numerusform>Document %1: %n pages</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="45"/>
        <source>Trang %1</source>
        <translation>Page %1</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <location filename="../../desktop/review_view.py" line="26"/>
        <location filename="../../desktop/review_view.py" line="40"/>
        <source>Chưa chọn tài liệu</source>
        <translation>No document selected</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="44"/>
        <source>Tài liệu chưa được đọc trường thông tin</source>
        <translation>The document's fields have not been read yet</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="46"/>
        <source>Các trường thông tin đã đọc</source>
        <translation>Fields read</translation>
    </message>
</context>
</TS>