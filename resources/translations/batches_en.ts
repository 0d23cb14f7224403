<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi_VN">
<context>
    <name>Batches</name>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="29"/>
        <source>Lô</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="30"/>
        <source>Bắt đầu</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="31"/>
        <source>Tài liệu</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="32"/>
        <source>Đã quét</source>
        <translation>Scanned</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="33"/>
        <source>Đã nhận dạng</source>
        <translation>Recognised</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="34"/>
        <location filename="../../desktop/screens/batches_view.py" line="106"/>
        <source>Chờ kiểm tra</source>
        <translation>Awaiting review</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="35"/>
        <source>Đã ký</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="36"/>
        <source>Đã gửi</source>
        <translation>Uploaded</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="37"/>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="103"/>
        <location filename="../../desktop/screens/batches_view.py" line="153"/>
        <source>Đạt</source>
        <translation>Passed</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="105"/>
        <source>Đã sửa, chờ kiểm tra lại</source>
        <translation>Corrected, to check again</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="105"/>
        <source>Đã trả lại, chờ sửa</source>
        <translation>Sent back, awaiting correction</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="194"/>
        <source>Lấy mẫu kiểm tra chất lượng</source>
        <translation>Draw the quality-control sample</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="149"/>
        <source>Tài liệu mẫu kiểm tra lại</source>
        <translation>Sampled documents to check again</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="150"/>
        <source>Lý do trả lại (ví dụ: sai số ký hiệu)</source>
        <translation>Reason for sending back (e.g. wrong reference number)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="151"/>
        <source>Mở để kiểm tra</source>
        <translation>Open to check</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="152"/>
        <source>Mở tài liệu trong màn hình Kiểm tra (Enter)</source>
        <translation>Open the document in the Review screen (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="154"/>
        <source>Tài liệu đúng (Alt+D)</source>
        <translation>The document is right (Alt+D)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="155"/>
        <source>Trả lại để sửa</source>
        <translation>Send back for correction</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="156"/>
        <source>Trả tài liệu về bước kiểm tra để sửa (Alt+T)</source>
        <translation>Send the document back to review for correction (Alt+T)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="169"/>
        <source>Chọn một lô để kiểm tra chất lượng.</source>
        <translation>Select a batch to check its quality.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="171"/>
        <source>Lô %1 chưa lấy mẫu kiểm tra chất lượng (%2 % tài liệu đã kiểm tra, ít nhất 1).</source>
        <translation>Batch %1 has no quality-control sample yet (%2 % of its reviewed documents, at least 1).</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="178"/>
        <source>Tài liệu %1 (số %2)</source>
        <translation>Document %1 (no. %2)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="182"/>
        <source>đã đạt, được ký</source>
        <translation>passed, may be signed</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="183"/>
        <source>còn %1 tài liệu chưa đạt</source>
        <translation>%1 documents not passed yet</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="185"/>
        <source>%1 tài liệu mới kiểm tra chưa được lấy mẫu</source>
        <translation>%1 newly reviewed documents not sampled yet</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="187"/>
        <source>Lô %1: mẫu %2 tài liệu (%3 % của %4 tài liệu đã kiểm tra, rút ngày %5) · %6.</source>
        <translation>Batch %1: sample of %2 documents (%3 % of %4 reviewed documents, drawn on %5) · %6.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="193"/>
        <source>Lấy mẫu bổ sung</source>
        <translation>Draw a supplementary sample</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches_view.py" line="210"/>
        <location filename="../../desktop/screens/batches_view.py" line="236"/>
        <source>Lô quét</source>
        <translation>Scan batches</translation>
    </message>
</context>
<context>
    <name>BatchesScreen</name>
    <message>
        <location filename="../../desktop/screens/batches.py" line="77"/>
        <source>Lô quét và tiến độ</source>
        <translation>Scan batches and progress</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches.py" line="78"/>
        <source>Kiểm tra chất lượng lô</source>
        <translation>Quality check of a batch</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches.py" line="124"/>
        <source>Không đọc được tiến độ: %1</source>
        <translation>Could not read the progress: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches.py" line="135"/>
        <source>Phiên làm việc từ %1: %2 trang đã quét</source>
        <translation>Session since %1: %2 pages scanned</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches.py" line="138"/>
        <source>%1 trang/giờ</source>
        <translation>%1 pages/hour</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches.py" line="194"/>
        <source>Chọn một lô để kiểm tra chất lượng.</source>
        <translation>Select a batch to check its quality.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches.py" line="200"/>
        <source>Lấy mẫu kiểm tra chất lượng</source>
        <translation>Draw the quality-control sample</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches.py" line="226"/>
        <source>Tài liệu %1 chưa thuộc hồ sơ nào nên chưa mở được.</source>
        <translation>Document %1 belongs to no dossier yet, so it cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches.py" line="237"/>
        <source>Ghi kết quả kiểm tra chất lượng</source>
        <translation>Recording the quality check</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/batches.py" line="248"/>
        <source>Trả lại tài liệu để sửa</source>
        <translation>Sending the document back for correction</translation>
    </message>
</context>
</TS>
