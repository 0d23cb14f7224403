"""The signer options of ``sohoa sign``, ``handover`` and ``process`` read once.

Each command checks its own choice of signer (the message differs); what the options mean —
the trust anchors, the default PAdES level, the secret asked for the key — is the same for all.
"""
from __future__ import annotations

import argparse
from typing import Any


def trust_roots(args: argparse.Namespace) -> tuple[Any, ...]:
    """The ``--trust`` certificates and the configured ones, for revocation data."""
    from dossier.settings import configured_trust_roots
    from signing.verify import load_certificate

    return tuple(load_certificate(path) for path in [*args.trust, *configured_trust_roots()])


def pades_level(args: argparse.Namespace) -> Any:
    """``--level``, else B-LTA with a TSA and B-B without.

    Archives want signatures that verify in twenty years: with a TSA, B-LTA by default.
    """
    from signing.model import Level

    return Level.parse(args.level or ("B-LTA" if args.tsa else "B-B"))


def token_key_id(args: argparse.Namespace) -> bytes | None:
    return bytes.fromhex(args.key_id) if args.key_id else None


def p12_password(args: argparse.Namespace) -> str:
    from dossier.cli import _secret

    return _secret("SOHOA_P12_PASSWORD", "PKCS#12 password")


def token_pin(args: argparse.Namespace) -> str | None:
    """The token's PIN; none for a PIN-pad reader, which takes it on its own keypad."""
    from dossier.cli import _secret
    from signing.tokens import needs_pin

    return _secret("SOHOA_PIN", "token PIN") if needs_pin(args.pkcs11, args.token_serial) else None


def signer_session(args: argparse.Namespace, roots: tuple[Any, ...]) -> Any:
    """The signing session of ``--p12`` (asked first) or ``--pkcs11``, not yet entered."""
    from signing.sign import pkcs12_session, token_session

    if args.p12:
        return pkcs12_session(args.p12, p12_password(args).encode(), trust_roots=roots)
    return token_session(args.pkcs11, token_pin(args), serial=args.token_serial, key_id=token_key_id(args),
                         trust_roots=roots)
