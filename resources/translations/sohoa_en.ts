<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi_VN">
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/app.py" line="76"/>
        <source>SoHoa – Không mở được kho làm việc</source>
        <translation>SoHoa – Cannot open the workspace</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="78"/>
        <source>Kiểm tra thư mục kho làm việc (biến SOHOA_WORKSPACE) rồi mở lại ứng dụng.</source>
        <translation>Check the workspace folder (the SOHOA_WORKSPACE variable), then open the app again.</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <location filename="../../desktop/dossier_list.py" line="170"/>
        <source>Tài liệu %1</source>
        <translation>Document %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_list.py" line="176"/>
        <source>Chi tiết kỹ thuật: %1</source>
        <translation>Technical details: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_list.py" line="44"/>
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
        <location filename="../../desktop/dossier_list.py" line="34"/>
        <source>Hồ sơ chưa có mã (số %1)</source>
        <translation>Dossier without a code (no. %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_list.py" line="119"/>
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
    <name>FieldRow</name>
    <message>
        <location filename="../../desktop/field_editor.py" line="162"/>
        <source>Độ tin cậy thấp (%1%): đối chiếu với bản giấy.</source>
        <translation>Low confidence (%1%): check against the paper.</translation>
    </message>
    <message>
        <location filename="../../desktop/field_editor.py" line="169"/>
        <source>QR</source>
        <translation>QR</translation>
    </message>
    <message>
        <location filename="../../desktop/field_editor.py" line="169"/>
        <source>Mã vạch</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <location filename="../../desktop/field_editor.py" line="170"/>
        <source>Giá trị đọc từ mã QR</source>
        <translation>Value read from the QR code</translation>
    </message>
    <message>
        <location filename="../../desktop/field_editor.py" line="170"/>
        <source>Giá trị đọc từ mã vạch</source>
        <translation>Value read from the barcode</translation>
    </message>
    <message>
        <location filename="../../desktop/field_editor.py" line="173"/>
        <source>Đã tự sửa từ «%1»</source>
        <translation>Corrected automatically from “%1”</translation>
    </message>
    <message>
        <location filename="../../desktop/field_editor.py" line="176"/>
        <source>Cán bộ đã kiểm tra hoặc sửa</source>
        <translation>Checked or corrected by a clerk</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../../desktop/help_overlay.py" line="36"/>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../desktop/help_overlay.py" line="37"/>
        <source>Nhấn Esc hoặc F1 để đóng.</source>
        <translation>Press Esc or F1 to close.</translation>
    </message>
</context>
<context>
    <name>IntakePanel</name>
    <message>
        <location filename="../../desktop/intake.py" line="37"/>
        <source>Hồ sơ tiếp nhận (hai mặt, khay nạp)</source>
        <translation>Dossier intake (both sides, feeder)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="38"/>
        <source>Kết quả giải quyết (mặt kính)</source>
        <translation>Results (flatbed)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="39"/>
        <source>Lô lưu trữ (một mặt, khay nạp)</source>
        <translation>Archive batch (one side, feeder)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="163"/>
        <source>Mã hồ sơ (để trống: lấy từ mã QR trên phiếu hoặc cấp mã mới)</source>
        <translation>Dossier code (leave empty: read from the receipt&apos;s QR code or issue a new one)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="164"/>
        <source>Quét vào hồ sơ mới</source>
        <translation>Scan into a new dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="165"/>
        <source>Quét (F5)</source>
        <translation>Scan (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="166"/>
        <location filename="../../desktop/intake.py" line="202"/>
        <source>Tìm máy quét</source>
        <translation>Find scanners</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="167"/>
        <source>Tiếp tục</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="168"/>
        <source>Kết thúc đợt quét</source>
        <translation>End the batch</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="169"/>
        <source>Mã hồ sơ:</source>
        <translation>Dossier code:</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="170"/>
        <source>Máy quét:</source>
        <translation>Scanner:</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="171"/>
        <source>Cấu hình:</source>
        <translation>Profile:</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="201"/>
        <source>Đang tìm máy quét…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="213"/>
        <source>Không tìm thấy máy quét nào. Kiểm tra máy đã bật và đã cắm cáp, rồi bấm Tìm máy quét.</source>
        <translation>No scanner found. Check that it is switched on and connected, then press Find scanners.</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="234"/>
        <location filename="../../desktop/intake.py" line="408"/>
        <source>Máy quét đang quét; chờ đợt này xong hoặc bấm Hủy.</source>
        <translation>The scanner is busy; wait for this batch to finish or press Cancel.</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="238"/>
        <location filename="../../desktop/intake.py" line="412"/>
        <source>Chưa chọn máy quét. Bấm Tìm máy quét rồi chọn máy.</source>
        <translation>No scanner chosen. Press Find scanners, then choose one.</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="244"/>
        <source>Không dùng được cấu hình này: %1</source>
        <translation>This profile cannot be used: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="290"/>
        <source>Quét</source>
        <translation>Scan</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/intake.py" line="320"/>
        <source>Đã quét %n trang</source>
        <translation>
            <numerusform>%n page scanned</numerusform>
            <numerusform>%n pages scanned</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="334"/>
        <source>Đọc mã QR trên phiếu</source>
        <translation>Reading the receipt&apos;s QR code</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="343"/>
        <source>Mã QR trên phiếu không dùng được: %1</source>
        <translation>The QR code on the receipt cannot be used: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="346"/>
        <source>Mã hồ sơ %1 đọc từ mã QR trên phiếu</source>
        <translation>Dossier code %1 read from the receipt&apos;s QR code</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/intake.py" line="372"/>
        <location filename="../../desktop/intake.py" line="373"/>
        <source>Đã quét xong: %n trang.</source>
        <translation>
            <numerusform>Scan finished: %n page.</numerusform>
            <numerusform>Scan finished: %n pages.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="436"/>
        <source>Đã thay trang bằng bản quét lại.</source>
        <translation>The page was replaced by the new scan.</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="444"/>
        <source>Quét lại trang</source>
        <translation>Rescan the page</translation>
    </message>
    <message>
        <location filename="../../desktop/intake.py" line="495"/>
        <source>Nhận dạng chữ</source>
        <translation>Text recognition</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="265"/>
        <source>SoHoa – Số hóa hồ sơ</source>
        <translation>SoHoa – Digitizing dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="266"/>
        <source>Trang</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="267"/>
        <source>Kiểm tra</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="181"/>
        <location filename="../../desktop/main_window.py" line="268"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="269"/>
        <source>Thanh công cụ</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="205"/>
        <source>Quét</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="205"/>
        <source>Nhập tệp…</source>
        <translation>Import files…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="205"/>
        <source>Hồ sơ mới…</source>
        <translation>New dossier…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="206"/>
        <source>Xem trang</source>
        <translation>Show pages</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="206"/>
        <source>Kiểm tra trường thông tin</source>
        <translation>Review fields</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="207"/>
        <source>Chọn danh sách hồ sơ</source>
        <translation>Go to the dossier list</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="208"/>
        <source>Chọn danh sách tài liệu</source>
        <translation>Go to the document list</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="208"/>
        <source>Ngày trước</source>
        <translation>Previous day</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="209"/>
        <source>Ngày sau</source>
        <translation>Next day</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="209"/>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="209"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="210"/>
        <source>Hủy việc đang chạy</source>
        <translation>Cancel the running work</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="210"/>
        <source>Trợ giúp phím tắt</source>
        <translation>Keyboard shortcuts help</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="212"/>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="213"/>
        <source>&amp;Hồ sơ</source>
        <translation>&amp;Dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="213"/>
        <source>&amp;Xem</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="213"/>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="214"/>
        <source>&amp;Ký số</source>
        <translation>&amp;Sign</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="214"/>
        <source>&amp;Gửi</source>
        <translation>S&amp;end</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="214"/>
        <source>&amp;Công cụ</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="215"/>
        <source>&amp;Trợ giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="296"/>
        <source>Hồ sơ nhận ngày %1 (%2)</source>
        <translation>Dossiers received on %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="356"/>
        <source>Chưa chọn hồ sơ</source>
        <translation>No dossier selected</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="360"/>
        <source>Hồ sơ %1: %2</source>
        <translation>Dossier %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="361"/>
        <source>chưa có tài liệu</source>
        <translation>no documents yet</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="365"/>
        <source>Tài liệu %1: %2</source>
        <translation>Document %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="421"/>
        <source>Chức năng quét chưa sẵn sàng trên máy này.</source>
        <translation>Scanning is not available on this machine yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="424"/>
        <source>Hồ sơ mới</source>
        <translation>New dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="425"/>
        <source>Mã hồ sơ (để trống nếu hồ sơ chưa có mã):</source>
        <translation>Dossier code (leave empty if the dossier has no code yet):</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="437"/>
        <location filename="../../desktop/main_window.py" line="465"/>
        <source>Nhập tệp</source>
        <translation>Import files</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="438"/>
        <source>Ảnh và PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</source>
        <translation>Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/main_window.py" line="458"/>
        <source>Đã nhập %n tài liệu</source>
        <translation>
            <numerusform>Imported %n document</numerusform>
            <numerusform>Imported %n documents</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="462"/>
        <source>Kiểm tra tệp rồi nhập lại.</source>
        <translation>Check the file, then import it again.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="529"/>
        <source>Đang hủy…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>PageModel</name>
    <message>
        <location filename="../../desktop/page_model.py" line="79"/>
        <source>Trang %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <location filename="../../desktop/page_model.py" line="81"/>
        <source>trắng</source>
        <translation>blank</translation>
    </message>
    <message>
        <location filename="../../desktop/page_model.py" line="82"/>
        <source>phân cách</source>
        <translation>separator</translation>
    </message>
    <message>
        <location filename="../../desktop/page_model.py" line="83"/>
        <source>có ghi chú</source>
        <translation>with note</translation>
    </message>
    <message>
        <location filename="../../desktop/page_model.py" line="84"/>
        <source>bỏ ghi chú</source>
        <translation>without note</translation>
    </message>
    <message>
        <location filename="../../desktop/page_model.py" line="150"/>
        <source>Tạo ảnh thu nhỏ</source>
        <translation>Making thumbnails</translation>
    </message>
</context>
<context>
    <name>PagesView</name>
    <message>
        <location filename="../../desktop/pages_view.py" line="106"/>
        <location filename="../../desktop/pages_view.py" line="166"/>
        <source>Chưa chọn tài liệu</source>
        <translation>No document selected</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="101"/>
        <location filename="../../desktop/pages_view.py" line="144"/>
        <source>Áp dụng đề xuất tách</source>
        <translation>Apply the proposed split</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="102"/>
        <source>Bỏ qua</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="130"/>
        <source>Xoay trang sang phải</source>
        <translation>Rotate the page right</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="131"/>
        <source>Xoay trang sang trái</source>
        <translation>Rotate the page left</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="132"/>
        <source>Xóa trang</source>
        <translation>Delete the page</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="133"/>
        <source>Tách tài liệu mới từ trang này</source>
        <translation>Split a new document from this page</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="134"/>
        <source>Gộp với tài liệu sau</source>
        <translation>Merge with the next document</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="135"/>
        <source>Đánh dấu/bỏ đánh dấu trang trắng</source>
        <translation>Mark/unmark as blank page</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="136"/>
        <source>Đánh dấu/bỏ đánh dấu tờ phân cách</source>
        <translation>Mark/unmark as separator sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="137"/>
        <source>Nhân đôi trang: bản có và bản không có ghi chú</source>
        <translation>Duplicate the page: with and without the note</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="138"/>
        <source>Quét lại trang</source>
        <translation>Rescan the page</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="139"/>
        <source>Chuyển trang lên trước</source>
        <translation>Move the page earlier</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="140"/>
        <source>Chuyển trang ra sau</source>
        <translation>Move the page later</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="141"/>
        <source>Hoàn tác</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="142"/>
        <source>Làm lại</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="143"/>
        <location filename="../../desktop/pages_view.py" line="368"/>
        <source>Đề xuất tách tài liệu</source>
        <translation>Propose a split</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="145"/>
        <source>Phóng to trang</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="146"/>
        <source>Thu nhỏ trang</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="147"/>
        <source>Vừa khung</source>
        <translation>Fit to the window</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pages_view.py" line="191"/>
        <source>Tài liệu %1: %n trang</source>
        <translation>
            <numerusform>Document %1: %n page</numerusform>
            <numerusform>Document %1: %n pages</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="238"/>
        <source>Không thực hiện được: %1</source>
        <translation>Not done: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pages_view.py" line="278"/>
        <source>Đã xóa %n trang; nhấn Ctrl+Z để lấy lại.</source>
        <translation>
            <numerusform>%n page deleted; press Ctrl+Z to bring it back.</numerusform>
            <numerusform>%n pages deleted; press Ctrl+Z to bring them back.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="286"/>
        <source>Đã tách: các trang từ trang này thành tài liệu %1.</source>
        <translation>Split: the pages from this one on are now document %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="300"/>
        <source>Không có tài liệu nào sau tài liệu này để gộp.</source>
        <translation>There is no document after this one to merge with.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="319"/>
        <source>Trang này là bản có ghi chú; bản sau nó là bản không ghi chú: quét lại bản đó (Shift+F5) sau khi che ghi chú.</source>
        <translation>This page is the scan with the note; the one after it is the scan without: rescan that one (Shift+F5) with the note covered.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="327"/>
        <source>Chức năng quét chưa sẵn sàng trên máy này.</source>
        <translation>Scanning is not available on this computer yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="342"/>
        <source>Không còn thao tác nào để hoàn tác.</source>
        <translation>Nothing left to undo.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="351"/>
        <source>Không còn thao tác nào để làm lại.</source>
        <translation>Nothing left to redo.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="366"/>
        <source>Đang đọc các trang để đề xuất tách…</source>
        <translation>Reading the pages to propose a split…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages_view.py" line="379"/>
        <source>Không thấy chỗ nào cần tách: tài liệu giữ nguyên.</source>
        <translation>No place to split was found: the document stays as it is.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pages_view.py" line="395"/>
        <source>Đã tách thành %n tài liệu.</source>
        <translation>
            <numerusform>Split into %n document.</numerusform>
            <numerusform>Split into %n documents.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <location filename="../../desktop/review_view.py" line="69"/>
        <location filename="../../desktop/review_view.py" line="218"/>
        <source>Chưa chọn tài liệu</source>
        <translation>No document selected</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="141"/>
        <source>Loại văn bản (Alt+L):</source>
        <translation>Document type (Alt+L):</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="142"/>
        <source>Enter: chấp nhận trường · F8: trường cần kiểm tra tiếp theo · Ctrl+Enter: chấp nhận tài liệu · Esc: hoàn tác · kéo chuột trên trang: đọc vùng vào trường đang chọn</source>
        <translation>Enter: accept the field · F8: next field to check · Ctrl+Enter: accept the document · Esc: undo · drag on the page: read that region into the selected field</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="175"/>
        <source>Chấp nhận trường, sang trường cần kiểm tra</source>
        <translation>Accept the field, go to the next field to check</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="177"/>
        <source>Hoàn tác trường đang sửa</source>
        <translation>Undo the changes to this field</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="179"/>
        <source>Trường cần kiểm tra tiếp theo trong hồ sơ</source>
        <translation>Next field to check in the dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="182"/>
        <source>Chấp nhận tài liệu đã kiểm tra</source>
        <translation>Accept the reviewed document</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="184"/>
        <source>Chọn loại văn bản</source>
        <translation>Choose the document type</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="185"/>
        <source>Đọc lại trường từ vùng của nó trên trang</source>
        <translation>Read the field again from its box on the page</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="187"/>
        <source>Phóng to trang</source>
        <translation>Zoom in on the page</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="189"/>
        <source>Thu nhỏ trang</source>
        <translation>Zoom out of the page</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="190"/>
        <source>Trang vừa chiều rộng</source>
        <translation>Fit the page to the width</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="191"/>
        <source>Trang sau của tài liệu</source>
        <translation>Next page of the document</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="192"/>
        <source>Trang trước của tài liệu</source>
        <translation>Previous page of the document</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="225"/>
        <source>Tài liệu chưa được đọc trường thông tin</source>
        <translation>The document&apos;s fields have not been read yet</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="237"/>
        <source>Tài liệu %1 · %2</source>
        <translation>Document %1 · %2</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="257"/>
        <source>chờ kiểm tra</source>
        <translation>waiting for review</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="259"/>
        <source>chưa đọc xong</source>
        <translation>not read yet</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="260"/>
        <source>đã kiểm tra, chỉ xem</source>
        <translation>reviewed, read only</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="357"/>
        <source>Không còn trường cần kiểm tra. Nhấn Ctrl+Enter để chấp nhận tài liệu.</source>
        <translation>No field left to check. Press Ctrl+Enter to accept the document.</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="402"/>
        <source>Hồ sơ không còn trường nào cần kiểm tra.</source>
        <translation>No field left to check in this dossier.</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="411"/>
        <source>Tài liệu này không ở trạng thái chờ kiểm tra.</source>
        <translation>This document is not waiting for review.</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="421"/>
        <source>Đã chấp nhận tài liệu %1.</source>
        <translation>Document %1 accepted.</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="427"/>
        <source>Còn lỗi trong tài liệu</source>
        <translation>The document still has errors</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="428"/>
        <source>Tài liệu còn lỗi:</source>
        <translation>The document still has errors:</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="429"/>
        <source>Vẫn chấp nhận tài liệu?</source>
        <translation>Accept the document anyway?</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="471"/>
        <source>Trang %1/%2</source>
        <translation>Page %1/%2</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="500"/>
        <source>Mở trang</source>
        <translation>Opening the page</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="506"/>
        <source>Không mở được ảnh trang (%1): quét lại trang này ở màn hình Trang.</source>
        <translation>The page image cannot be opened (%1): scan this page again on the Pages screen.</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="511"/>
        <source>Không đọc được vùng đã khoanh (%1): khoanh rộng hơn một chút, hoặc gõ giá trị.</source>
        <translation>The box drawn could not be read (%1): draw it a little wider, or type the value.</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="537"/>
        <source>Cắt ảnh trường</source>
        <translation>Cutting out the fields</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="545"/>
        <source>Chọn một trường trước khi khoanh vùng trên trang.</source>
        <translation>Select a field before drawing a box on the page.</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="555"/>
        <source>Trường này chưa có vùng trên trang: khoanh vùng bằng chuột.</source>
        <translation>This field has no box on the page yet: draw one with the mouse.</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="567"/>
        <source>Tài liệu đã được chấp nhận: không sửa trường được nữa.</source>
        <translation>The document has been accepted: its fields can no longer be changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="581"/>
        <source>Không đọc được chữ trong vùng đã khoanh.</source>
        <translation>No text could be read in the box drawn.</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="587"/>
        <source>Đã đọc vùng vào trường «%1».</source>
        <translation>The box was read into the field “%1”.</translation>
    </message>
    <message>
        <location filename="../../desktop/review_view.py" line="589"/>
        <source>Đọc vùng đã khoanh</source>
        <translation>Reading the box drawn</translation>
    </message>
</context>
</TS>
