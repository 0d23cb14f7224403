<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi_VN">
<context>
    <name>EarlierLists</name>
    <message>
        <location filename="../../desktop/screens/handover_lists.py" line="72"/>
        <source>&amp;Danh sách đã lập (mới nhất trước):</source>
        <translation>&amp;Lists made earlier (latest first):</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_lists.py" line="73"/>
        <source>Chưa lập danh sách bàn giao nào trong kho làm việc này.</source>
        <translation>No handover list has been made in this workspace yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_lists.py" line="74"/>
        <source>&amp;Mở lại</source>
        <translation>&amp;Open again</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_lists.py" line="75"/>
        <source>Xem lại bản đã lưu khi lập danh sách, để in lại (Ctrl+P)</source>
        <translation>Show the copy kept when the list was made, to print it again (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_lists.py" line="76"/>
        <source>Xuất &amp;PDF và CSV…</source>
        <translation>Export &amp;PDF and CSV…</translation>
    </message>
</context>
<context>
    <name>HandedOverMark</name>
    <message>
        <location filename="../../desktop/screens/handover.py" line="40"/>
        <source>Đã bàn giao (%1)</source>
        <translation>Handed over (%1)</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="42"/>
        <source>Hồ sơ chưa có mã (số %1)</source>
        <translation>Dossier without a code (no. %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="44"/>
        <source>%1 thành phần, %2 trang</source>
        <translation>%1 components, %2 pages</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="48"/>
        <source>Đã bàn giao: danh sách %1</source>
        <translation>Handed over: list %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="50"/>
        <source>Chưa có mã hồ sơ: chưa bàn giao được</source>
        <translation>No dossier code yet: cannot be handed over</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="52"/>
        <source>Chưa có thành phần hồ sơ nào</source>
        <translation>No dossier component yet</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="76"/>
        <source>Bàn giao hồ sơ cho bộ phận một cửa</source>
        <translation>Hand dossiers over to the one-stop desk</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="82"/>
        <source>Hồ sơ để bàn giao</source>
        <translation>Dossiers to hand over</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="85"/>
        <source>&amp;Hồ sơ (Space để chọn):</source>
        <translation>&amp;Dossiers (Space to tick):</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="91"/>
        <source>ví dụ EA123456789VN</source>
        <translation>e.g. EA123456789VN</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="94"/>
        <source>Số hiệu bưu &amp;gửi của hồ sơ đang chọn:</source>
        <translation>Postal &amp;item number of the selected dossier:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="101"/>
        <source>khi ký: tên trên chứng thư số</source>
        <translation>when signing: the name on the certificate</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="107"/>
        <source>để trống: ghi tay khi nhận</source>
        <translation>leave empty: written by hand at the desk</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="109"/>
        <source>&amp;Bưu cục:</source>
        <translation>&amp;Post office:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="110"/>
        <source>&amp;Nhân viên bưu chính:</source>
        <translation>Postal &amp;employee:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="111"/>
        <source>Bộ phận &amp;tiếp nhận:</source>
        <translation>Receiving des&amp;k:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="112"/>
        <source>&amp;Cán bộ tiếp nhận:</source>
        <translation>Receiving &amp;officer:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="129"/>
        <source>Lập danh sách mới</source>
        <translation>New list</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="130"/>
        <source>Danh sách đã lập</source>
        <translation>Lists made</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="141"/>
        <source>&amp;Xem trước</source>
        <translation>Pre&amp;view</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="143"/>
        <source>&amp;Lập danh sách</source>
        <translation>&amp;Make the list</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="145"/>
        <source>Ghi nhận danh sách, không ký số (in ra để hai bên ký tay)</source>
        <translation>Record the list without a digital signature (print it for both sides to sign by hand)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="146"/>
        <source>&amp;Ký số và lập danh sách</source>
        <translation>&amp;Sign and make the list</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="148"/>
        <source>&amp;In…</source>
        <translation>P&amp;rint…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="150"/>
        <source>In danh sách đã lập</source>
        <translation>Print the list made</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="151"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="183"/>
        <source>Hồ sơ nhận ngày %1</source>
        <translation>Dossiers received on %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="184"/>
        <source>Đọc hồ sơ để bàn giao</source>
        <translation>Reading dossiers to hand over</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="206"/>
        <source>Không có hồ sơ nào nhận ngày này.</source>
        <translation>No dossier was received on this day.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="208"/>
        <source>Mọi hồ sơ của ngày này đã được bàn giao hoặc chưa sẵn sàng.</source>
        <translation>Every dossier of this day is handed over already or not ready yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="279"/>
        <source>Bản xem trước (chưa ghi nhận, chưa có số): %1 hồ sơ, %2 trang.</source>
        <translation>Preview (not recorded, no number yet): %1 dossiers, %2 pages.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="282"/>
        <source>Đang dựng bản xem trước…</source>
        <translation>Making the preview…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="283"/>
        <source>Xem trước danh sách bàn giao</source>
        <translation>Previewing the handover list</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="307"/>
        <source>Đã lập và ký số danh sách bàn giao số %1: %2 hồ sơ, %3 trang.</source>
        <translation>Handover list %1 made and signed: %2 dossiers, %3 pages.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="308"/>
        <source>Đã lập danh sách bàn giao số %1: %2 hồ sơ, %3 trang. In ra để hai bên ký.</source>
        <translation>Handover list %1 made: %2 dossiers, %3 pages. Print it for both sides to sign.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="316"/>
        <source>Đang ký và lập danh sách…</source>
        <translation>Signing and making the list…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="316"/>
        <source>Đang lập danh sách…</source>
        <translation>Making the list…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="317"/>
        <source>Lập danh sách bàn giao</source>
        <translation>Making the handover list</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="325"/>
        <source>Danh sách chưa được lập. Bỏ chọn hồ sơ đã bàn giao, kiểm tra thông tin rồi lập lại.</source>
        <translation>The list was not made. Untick the dossiers already handed over, check the details and make it again.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="358"/>
        <source>Danh sách bàn giao số %1, bản đã lưu khi lập (%2 trang): in lại bằng Ctrl+P.</source>
        <translation>Handover list %1, the copy kept when it was made (%2 pages): Ctrl+P prints it again.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="361"/>
        <source>Đang mở danh sách %1…</source>
        <translation>Opening list %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="362"/>
        <source>Mở danh sách bàn giao</source>
        <translation>Open handover list</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="367"/>
        <source>Xuất danh sách bàn giao %1</source>
        <translation>Export handover list %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="368"/>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="389"/>
        <source>Đã xuất danh sách %1: %2 và %3.</source>
        <translation>List %1 exported: %2 and %3.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="392"/>
        <source>Đang xuất danh sách %1…</source>
        <translation>Exporting list %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="393"/>
        <source>Xuất danh sách bàn giao</source>
        <translation>Export handover list</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="403"/>
        <source>Các hồ sơ vẫn thuộc danh sách này; chỉ tệp đã lưu của nó cần được khôi phục.</source>
        <translation>The dossiers are still on this list; only its kept file needs to be restored.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="411"/>
        <source>Danh sách bàn giao %1</source>
        <translation>Handover list %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="426"/>
        <source>Đã in danh sách %1 (%2 trang).</source>
        <translation>List %1 printed (%2 pages).</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="430"/>
        <source>Đang in…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="433"/>
        <source>In danh sách bàn giao</source>
        <translation>Printing the handover list</translation>
    </message>
</context>
<context>
    <name>HandoverLists</name>
    <message>
        <location filename="../../desktop/screens/handover_lists.py" line="23"/>
        <source>%1 · %2 · %3 hồ sơ</source>
        <translation>%1 · %2 · %3 dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_lists.py" line="25"/>
        <source>Nhân viên bưu chính: %1</source>
        <translation>Postal employee: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_lists.py" line="27"/>
        <source>đã ký số</source>
        <translation>digitally signed</translation>
    </message>
</context>
<context>
    <name>HandoverScreen</name>
    <message>
        <location filename="../../desktop/screens/handover.py" line="56"/>
        <source>Bàn giao hồ sơ cho một cửa…</source>
        <translation>Hand over to the one-stop desk…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover.py" line="73"/>
        <source>Ký bằng token cần màn hình Ký số; hãy lập danh sách rồi in để ký tay.</source>
        <translation>Signing with a token needs the Signing screen; make the list and print it to sign by hand.</translation>
    </message>
</context>
<context>
    <name>PdfPages</name>
    <message>
        <location filename="../../desktop/screens/handover_preview.py" line="89"/>
        <source>Chọn hồ sơ rồi bấm “Xem trước” để xem danh sách bàn giao.</source>
        <translation>Tick dossiers, then press “Preview” to see the handover list.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_preview.py" line="100"/>
        <source>Trang %1/%2</source>
        <translation>Page %1/%2</translation>
    </message>
</context>
</TS>
