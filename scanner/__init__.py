"""Scanner backends behind one interface: SANE, eSCL, TWAIN/WIA, hot folder, file import.

Never imports ocr/, dossier/, desktop/, signing/, datastore/ or Qt (design §2).
"""
from .backend import Backend, Cancel, NeverCancel, check_settings
from .bridge import WorkerBridge
from .collate import CollationMismatch, collate_duplex
from .errors import (
    CoverOpen,
    DeviceBusy,
    DeviceGone,
    DriverHung,
    FeederEmpty,
    PageNotSaved,
    PaperJam,
    ScanError,
    UnsupportedSetting,
)
from .files import UnreadableFile, import_file
from .hotfolder import HotFolder, Outcome
from .messages import vietnamese_message
from .model import A4, Capabilities, ColorMode, Device, Page, PageSize, ScanSettings, Side, Source
from .operation import OperationState, ScannerQueue, ScanOperation
from .pagefile import PageFormat, write_page
from .profiles import DEFAULT_PROFILES, Profile, ProfileRefused, check_profile, get_profile
from .sane_backend import SaneBackend
from .service import DeviceInfo, list_devices, resolve_settings, scan

__all__ = [
    "A4", "Backend", "Cancel", "Capabilities", "CollationMismatch", "ColorMode", "CoverOpen",
    "DEFAULT_PROFILES", "Device", "DeviceBusy", "DeviceGone", "DeviceInfo", "DriverHung",
    "FeederEmpty", "HotFolder", "NeverCancel", "OperationState", "Outcome", "Page", "PageFormat",
    "PageNotSaved", "PageSize", "PaperJam", "Profile", "ProfileRefused", "SaneBackend", "ScanError", "ScanOperation", "ScanSettings", "ScannerQueue", "Side",
    "Source", "UnreadableFile", "UnsupportedSetting", "WorkerBridge", "check_profile",
    "check_settings", "collate_duplex", "get_profile", "import_file", "list_devices",
    "resolve_settings", "scan", "vietnamese_message", "write_page",
]
