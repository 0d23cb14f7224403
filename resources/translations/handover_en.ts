<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi_VN">
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
        <location filename="../../desktop/screens/handover_dialog.py" line="38"/>
        <source>Hồ sơ chưa có mã (số %1)</source>
        <translation>Dossier without a code (no. %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="40"/>
        <source>%1 thành phần, %2 trang</source>
        <translation>%1 components, %2 pages</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="44"/>
        <source>Đã bàn giao: danh sách %1</source>
        <translation>Handed over: list %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="46"/>
        <source>Chưa có mã hồ sơ: chưa bàn giao được</source>
        <translation>No dossier code yet: cannot be handed over</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="48"/>
        <source>Chưa có thành phần hồ sơ nào</source>
        <translation>No dossier component yet</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="72"/>
        <source>Bàn giao hồ sơ cho bộ phận một cửa</source>
        <translation>Hand dossiers over to the one-stop desk</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="78"/>
        <source>Hồ sơ để bàn giao</source>
        <translation>Dossiers to hand over</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="81"/>
        <source>&amp;Hồ sơ (Space để chọn):</source>
        <translation>&amp;Dossiers (Space to tick):</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="87"/>
        <source>ví dụ EA123456789VN</source>
        <translation>e.g. EA123456789VN</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="90"/>
        <source>Số hiệu bưu &amp;gửi của hồ sơ đang chọn:</source>
        <translation>Postal &amp;item number of the selected dossier:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="97"/>
        <source>khi ký: tên trên chứng thư số</source>
        <translation>when signing: the name on the certificate</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="103"/>
        <source>để trống: ghi tay khi nhận</source>
        <translation>leave empty: written by hand at the desk</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="105"/>
        <source>&amp;Bưu cục:</source>
        <translation>&amp;Post office:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="106"/>
        <source>&amp;Nhân viên bưu chính:</source>
        <translation>Postal &amp;employee:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="107"/>
        <source>Bộ phận &amp;tiếp nhận:</source>
        <translation>Receiving des&amp;k:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="108"/>
        <source>&amp;Cán bộ tiếp nhận:</source>
        <translation>Receiving &amp;officer:</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="130"/>
        <source>&amp;Xem trước</source>
        <translation>Pre&amp;view</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="132"/>
        <source>&amp;Lập danh sách</source>
        <translation>&amp;Make the list</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="134"/>
        <source>Ghi nhận danh sách, không ký số (in ra để hai bên ký tay)</source>
        <translation>Record the list without a digital signature (print it for both sides to sign by hand)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="135"/>
        <source>&amp;Ký số và lập danh sách</source>
        <translation>&amp;Sign and make the list</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="137"/>
        <source>&amp;In…</source>
        <translation>P&amp;rint…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="139"/>
        <source>In danh sách đã lập</source>
        <translation>Print the list made</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="140"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="171"/>
        <source>Hồ sơ nhận ngày %1</source>
        <translation>Dossiers received on %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="172"/>
        <source>Đọc hồ sơ để bàn giao</source>
        <translation>Reading dossiers to hand over</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="194"/>
        <source>Không có hồ sơ nào nhận ngày này.</source>
        <translation>No dossier was received on this day.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="196"/>
        <source>Mọi hồ sơ của ngày này đã được bàn giao hoặc chưa sẵn sàng.</source>
        <translation>Every dossier of this day is handed over already or not ready yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="267"/>
        <source>Bản xem trước (chưa ghi nhận, chưa có số): %1 hồ sơ, %2 trang.</source>
        <translation>Preview (not recorded, no number yet): %1 dossiers, %2 pages.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="270"/>
        <source>Đang dựng bản xem trước…</source>
        <translation>Making the preview…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="271"/>
        <source>Xem trước danh sách bàn giao</source>
        <translation>Previewing the handover list</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="295"/>
        <source>Đã lập và ký số danh sách bàn giao số %1: %2 hồ sơ, %3 trang.</source>
        <translation>Handover list %1 made and signed: %2 dossiers, %3 pages.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="296"/>
        <source>Đã lập danh sách bàn giao số %1: %2 hồ sơ, %3 trang. In ra để hai bên ký.</source>
        <translation>Handover list %1 made: %2 dossiers, %3 pages. Print it for both sides to sign.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="303"/>
        <source>Đang ký và lập danh sách…</source>
        <translation>Signing and making the list…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="303"/>
        <source>Đang lập danh sách…</source>
        <translation>Making the list…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="304"/>
        <source>Lập danh sách bàn giao</source>
        <translation>Making the handover list</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="312"/>
        <source>Danh sách chưa được lập. Bỏ chọn hồ sơ đã bàn giao, kiểm tra thông tin rồi lập lại.</source>
        <translation>The list was not made. Untick the dossiers already handed over, check the details and make it again.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="327"/>
        <source>Danh sách bàn giao %1</source>
        <translation>Handover list %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="342"/>
        <source>Đã in danh sách %1 (%2 trang).</source>
        <translation>List %1 printed (%2 pages).</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="346"/>
        <source>Đang in…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover_dialog.py" line="349"/>
        <source>In danh sách bàn giao</source>
        <translation>Printing the handover list</translation>
    </message>
</context>
<context>
    <name>HandoverScreen</name>
    <message>
        <location filename="../../desktop/screens/handover.py" line="50"/>
        <source>Bàn giao hồ sơ cho một cửa…</source>
        <translation>Hand over to the one-stop desk…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/handover.py" line="63"/>
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
