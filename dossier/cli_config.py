"""``sohoa config``: the workstation configuration (``dossier.config``) from the command line.

``show`` prints where the file is and each value (the built-in default said as such),
``export FILE`` writes the deployment file for other desks (no secret, no operator, no token),
``import FILE`` reads one over this desk's configuration (checking it first), ``check`` asks
the peers it names (``dossier.config_checks``). The same file and rules as the settings screen.
"""
from __future__ import annotations

import argparse
import json
from dataclasses import asdict, fields
from pathlib import Path

DEFAULT_MEANING = {"store_url": "kho dữ liệu tích hợp trên máy này", "pkcs11_module": "chữ ký DEMO (không có giá trị pháp lý)",
                   "workspace": "thư mục dữ liệu của người dùng", "signature_level": "B-LTA khi có TSA, không thì B-B"}


def cmd_config(args: argparse.Namespace) -> int:
    from dossier.cli import EXIT_FAILED, EXIT_OK, _fail
    from dossier.config import ConfigError, config_path, export_config, import_config, load_config, save_config

    try:
        config = load_config()
    except ConfigError as exc:
        if args.action != "import":  # a broken file can be replaced by importing a good one
            return _fail(str(exc))
        from dossier.config import Config

        config = Config()
    if args.action == "show":
        if args.json:
            print(json.dumps({"file": str(config_path()), **asdict(config)}, ensure_ascii=False, indent=2))
            return EXIT_OK
        print(f"tệp cấu hình: {config_path()}{'' if config_path().exists() else ' (chưa có: giá trị mặc định)'}")
        for f in fields(config):
            value = getattr(config, f.name)
            shown = repr(value) if value != "" else f"(trống: {DEFAULT_MEANING.get(f.name, 'không đặt')})"
            print(f"{f.name}: {shown}")
        from dossier.store_secret import keyring_usable, secret_for

        if config.store_client_id:
            kept = "có" if secret_for(config.store_client_id) else "chưa có"
            where = "kho khóa của hệ điều hành" if keyring_usable() else "không có kho khóa trên máy này"
            print(f"khóa bí mật của {config.store_client_id}: {kept} ({where}; không bao giờ in ra)")
        return EXIT_OK
    if args.action == "check":
        from dossier.config_checks import check_all
        from dossier.store_secret import secret_for

        problems = check_all(config, secret_for(config.store_client_id))
        for problem in problems:
            print(f"{'LỖI' if problem.severity == 'error' else 'cảnh báo'}: {problem.message}")
        if not problems:
            print("cấu hình dùng được")
        return EXIT_FAILED if any(p.severity == "error" for p in problems) else EXIT_OK
    if not args.file:
        return _fail(f"config {args.action} cần tên tệp", 2)
    try:
        if args.action == "export":
            written = export_config(config, args.file)
            print(f"{written}: cấu hình để triển khai cho máy khác (không gồm khóa bí mật, người làm việc, thẻ ký số)")
        else:
            saved = save_config(import_config(args.file, config))
            print(f"{saved}: đã nhập cấu hình từ {args.file}")
    except ConfigError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{args.file}: {exc.strerror or exc}")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    config = sub.add_parser("config", help="show, export, import or check the workstation configuration",
                            description="The workstation configuration (operator, agency, store, signing token, "
                                        "scanner, workspace, language): the file the desktop app's settings "
                                        "screen writes (SOHOA_CONFIG, else the user's config folder). Secrets "
                                        "are never in it: the store's client secret is in the OS keyring.")
    config.add_argument("action", choices=("show", "export", "import", "check"))
    config.add_argument("file", nargs="?", type=Path, metavar="FILE", help="the file to export to or import from")
    config.add_argument("--json", action="store_true", help="show: the values as JSON")
    config.set_defaults(func=cmd_config)
