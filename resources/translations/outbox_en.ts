<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Outbox</name>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="31"/>
        <source>Không kết nối được kho dữ liệu (mạng hoặc máy chủ không trả lời); tài liệu được giữ lại và tự gửi khi có kết nối.</source>
        <translation>Cannot reach the data store (the network or the server does not answer); the document is kept and sent by itself once the connection is back.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="32"/>
        <source>Kho dữ liệu đang bận hoặc gặp sự cố; tài liệu sẽ được gửi lại sau.</source>
        <translation>The data store is busy or in trouble; the document will be sent again later.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="33"/>
        <source>Kho dữ liệu không chấp nhận máy trạm này (sai mã máy trạm hoặc khóa bí mật); kiểm tra cấu hình kho dữ liệu.</source>
        <translation>The data store does not accept this workstation (wrong client id or secret); check the data store settings.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="34"/>
        <source>Kho dữ liệu từ chối tài liệu: tệp hoặc thông tin mô tả không hợp lệ.</source>
        <translation>The data store refused the document: the file or its metadata is not valid.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="35"/>
        <source>Kho dữ liệu từ chối tài liệu: tệp lớn hơn dung lượng kho cho phép.</source>
        <translation>The data store refused the document: the file is larger than the store allows.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="36"/>
        <source>Kho dữ liệu từ chối tài liệu.</source>
        <translation>The data store refused the document.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="37"/>
        <source>Bản kho nhận được không khớp với tệp trên máy; cần gửi lại.</source>
        <translation>The copy the store received does not match the file on this computer; it must be sent again.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="38"/>
        <source>Chưa gửi được do lỗi không xác định.</source>
        <translation>Not sent yet because of an unknown error.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="44"/>
        <source>Đã ký, chưa vào hàng đợi</source>
        <translation>Signed, not queued yet</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="45"/>
        <source>Chờ gửi</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="46"/>
        <source>Đang gửi</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="47"/>
        <source>Bị kho từ chối</source>
        <translation>Refused by the store</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="68"/>
        <source>Đã lưu vào kho dữ liệu
Mã lưu trữ: %1
Nhận lúc: %2</source>
        <translation>Stored in the data store
Store id: %1
Received: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="71"/>
        <source>Chờ gửi lên kho dữ liệu (Ctrl+Shift+O: hàng đợi gửi)</source>
        <translation>Waiting to be sent to the data store (Ctrl+Shift+O: outbox)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="73"/>
        <source>Đã ký số, chờ đưa vào hàng đợi gửi</source>
        <translation>Signed, waiting to enter the outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="98"/>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="98"/>
        <source>Tài liệu</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="99"/>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="99"/>
        <source>Số lần gửi</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="100"/>
        <source>Lỗi gần nhất</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="113"/>
        <source>Hồ sơ chưa có mã</source>
        <translation>Dossier without a code</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="116"/>
        <source>Tệp gửi từ dòng lệnh: %1</source>
        <translation>File sent from the command line: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="117"/>
        <source>Tài liệu %1</source>
        <translation>Document %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="126"/>
        <source>Chi tiết kỹ thuật: %1</source>
        <translation>Technical details: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="132"/>
        <location filename="../../desktop/screens/outbox_view.py" line="174"/>
        <source>Hàng đợi gửi</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="153"/>
        <location filename="../../desktop/screens/outbox_view.py" line="175"/>
        <source>Không có tài liệu nào chờ gửi.</source>
        <translation>No document is waiting to be sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="158"/>
        <location filename="../../desktop/screens/outbox_view.py" line="176"/>
        <source>Gửi lại mục đã chọn</source>
        <translation>Retry selected</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="161"/>
        <location filename="../../desktop/screens/outbox_view.py" line="177"/>
        <source>Gửi lại tất cả</source>
        <translation>Retry all</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox_view.py" line="261"/>
        <source>Mã băm SHA-256: %1</source>
        <translation>SHA-256 hash: %1</translation>
    </message>
</context>
<context>
    <name>OutboxScreen</name>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="107"/>
        <location filename="../../desktop/screens/outbox.py" line="396"/>
        <source>Hàng đợi gửi</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="108"/>
        <location filename="../../desktop/screens/outbox.py" line="397"/>
        <source>Gửi lại tất cả</source>
        <translation>Retry all</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="287"/>
        <source>Gửi tài liệu lên kho dữ liệu</source>
        <translation>Sending documents to the data store</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="365"/>
        <source>Đang gửi %1…</source>
        <translation>Sending %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="367"/>
        <source>Chưa cấu hình kho dữ liệu · %1 chờ gửi</source>
        <translation>Data store not configured · %1 waiting</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="369"/>
        <source>Đang kết nối kho dữ liệu…</source>
        <translation>Connecting to the data store…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="371"/>
        <source>Kho từ chối máy trạm · %1 chờ gửi</source>
        <translation>Store refuses this workstation · %1 waiting</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="375"/>
        <source>Trực tuyến · %1 bị từ chối</source>
        <translation>Online · %1 refused</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="376"/>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="378"/>
        <source>Ngoại tuyến · %1 chờ gửi</source>
        <translation>Offline · %1 waiting</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="379"/>
        <source>Ngoại tuyến</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="385"/>
        <source>Kho dữ liệu tham chiếu chạy trên máy này (%1). Bấm để xem hàng đợi gửi (Ctrl+Shift+O).</source>
        <translation>The reference data store runs on this computer (%1). Click to see the outbox (Ctrl+Shift+O).</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="387"/>
        <source>Kho dữ liệu: %1. Bấm để xem hàng đợi gửi (Ctrl+Shift+O).</source>
        <translation>Data store: %1. Click to see the outbox (Ctrl+Shift+O).</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="388"/>
        <source>chưa kết nối</source>
        <translation>not connected</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="390"/>
        <source>Chưa kết nối được kho dữ liệu: %1</source>
        <translation>Could not connect to the data store: %1</translation>
    </message>
</context>
</TS>
