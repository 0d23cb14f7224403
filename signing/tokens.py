"""PKCS#11 tokens (USB tokens of VNPT-CA, Viettel-CA, Ban Cơ yếu …; SoftHSM2 in tests).

A token is picked by its serial and a key by its CKA_ID, never by label: Vietnamese
labels come back from vendor modules in mixed encodings and break label matching.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pkcs11
from asn1crypto import x509
from pkcs11 import Attribute, ObjectClass, TokenFlag
from pkcs11 import exceptions as p11_errors
from pyhanko.sign.pkcs11 import PKCS11Signer

from signing.certs import check_usable, describe
from signing.errors import PinError, TokenError
from signing.model import TokenInfo


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace").strip()
    return str(value).strip()


def _load(module: str) -> pkcs11.lib:
    try:
        return pkcs11.lib(module)
    except Exception as exc:  # a wrong path raises a bare RuntimeError/OSError
        raise TokenError(f"cannot load PKCS#11 module {module}: {exc}") from exc


def _certificates(session: pkcs11.Session) -> list[tuple[bytes, str, x509.Certificate]]:
    found = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        try:
            cert = x509.Certificate.load(bytes(obj[Attribute.VALUE]))
            found.append((bytes(obj[Attribute.ID]), _text(obj[Attribute.LABEL]), cert))
        except Exception:  # a token may hold objects we cannot parse; skip, don't fail the listing
            continue
    return found


def list_tokens(module: str) -> list[TokenInfo]:
    """Tokens present in ``module`` with their certificates (read without a PIN)."""
    lib = _load(module)
    tokens = []
    for index, slot in enumerate(lib.get_slots(token_present=True)):
        token = slot.get_token()
        if not token.flags & TokenFlag.TOKEN_INITIALIZED:
            continue  # SoftHSM2 and some readers expose an empty, uninitialised slot
        certs: list = []
        key_ids: list[str] = []
        try:
            with token.open() as session:
                certs = [describe(c, key_id=i, label=lbl) for i, lbl, c in _certificates(session)]
                key_ids = sorted({bytes(k[Attribute.ID]).hex()
                                  for k in session.get_objects({Attribute.CLASS: ObjectClass.PUBLIC_KEY})})
        except p11_errors.PKCS11Error:
            pass
        tokens.append(TokenInfo(slot=index, serial=_text(token.serial), label=_text(token.label),
                                manufacturer=_text(token.manufacturer_id), model=_text(token.model),
                                certificates=tuple(certs), key_ids=tuple(key_ids)))
    return tokens


def _find_token(lib: pkcs11.lib, serial: str | None) -> pkcs11.Token:
    tokens = [t for t in (slot.get_token() for slot in lib.get_slots(token_present=True))
              if t.flags & TokenFlag.TOKEN_INITIALIZED]
    if serial is not None:
        tokens = [t for t in tokens if _text(t.serial) == serial]
        if not tokens:
            raise TokenError(f"no token with serial {serial} is plugged in")
    if not tokens:
        raise TokenError("no token is plugged in")
    if len(tokens) > 1:
        raise TokenError("several tokens are plugged in; choose one by serial (--token-serial)")
    return tokens[0]


def _tries_hint(token: pkcs11.Token) -> str | None:
    flags = token.slot.get_token().flags  # re-read: the flags change after a failed login
    if flags & TokenFlag.USER_PIN_LOCKED:
        return "the PIN is now locked; unlock it with the SO PIN or the CA's tool"
    if flags & TokenFlag.USER_PIN_FINAL_TRY:
        return "one try left before the token locks"
    if flags & TokenFlag.USER_PIN_COUNT_LOW:
        return "few tries left before the token locks"
    return None


# PKCS#11 modules of token middleware commonly installed with Vietnamese CAs' USB tokens
# (SafeNet/Thales eToken, Feitian ePass2003, Gemalto IDPrime) and generic ones. Only a
# suggestion for the settings screen: any module path works, and a province adds its own.
KNOWN_MODULES: dict[str, tuple[str, ...]] = {
    "SafeNet / Thales eToken": ("/usr/lib/libeTPkcs11.so", "C:/Windows/System32/eTPKCS11.dll"),
    "Feitian ePass2003": ("/usr/lib/libcastle.so.1.0.0", "C:/Windows/System32/ShuttleCsp11_3003.dll"),
    "Gemalto IDPrime": ("/usr/lib/libIDPrimePKCS11.so", "C:/Windows/System32/IDPrimePKCS11.dll"),
    "OpenSC": ("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so", "C:/Program Files/OpenSC Project/OpenSC/pkcs11/opensc-pkcs11.dll"),
    "SoftHSM2 (test token)": ("/usr/lib/softhsm/libsofthsm2.so",),
}


def suggest_modules() -> list[tuple[str, str]]:
    """(vendor, path) of the known modules present on this machine."""
    return [(vendor, path) for vendor, paths in KNOWN_MODULES.items() for path in paths if Path(path).exists()]


def needs_pin(module: str, serial: str | None = None) -> bool:
    """False for a PIN-pad reader (protected authentication path): the PIN is typed on the reader."""
    token = _find_token(_load(module), serial)
    return not token.flags & TokenFlag.PROTECTED_AUTHENTICATION_PATH


@contextmanager
def open_token(module: str, pin: str | None, serial: str | None = None) -> Iterator[pkcs11.Session]:
    """Log in once; a wrong PIN raises :class:`PinError` and is not tried again.

    ``pin=None`` on a PIN-pad reader lets the person type the PIN on the reader itself.
    """
    token = _find_token(_load(module), serial)
    if pin is None and not token.flags & TokenFlag.PROTECTED_AUTHENTICATION_PATH:
        raise PinError(f"token {_text(token.serial)} needs a PIN", None)
    try:
        session = token.open(user_pin=pin if pin is not None else pkcs11.PROTECTED_AUTH)
    except p11_errors.PinLocked as exc:
        raise PinError(f"token {_text(token.serial)} is locked", _tries_hint(token)) from exc
    except (p11_errors.PinIncorrect, p11_errors.PinInvalid, p11_errors.PinLenRange) as exc:
        raise PinError(f"wrong PIN for token {_text(token.serial)}; not retried", _tries_hint(token)) from exc
    except p11_errors.PKCS11Error as exc:
        raise TokenError(f"cannot open token {_text(token.serial)}: {type(exc).__name__}") from exc
    try:
        yield session
    finally:
        session.close()


def token_signer(session: pkcs11.Session, key_id: bytes | None = None) -> PKCS11Signer:
    """A pyHanko signer for the key ``key_id`` (or the only key with a certificate)."""
    certs = _certificates(session)
    keyed = {bytes(k[Attribute.ID]) for k in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})}
    candidates = [(i, c) for i, _, c in certs if i in keyed and (key_id is None or i == key_id)]
    if not candidates:
        what = f"key id {key_id.hex()}" if key_id else "a private key"
        raise TokenError(f"the token has no certificate for {what}")
    if len(candidates) > 1:
        ids = ", ".join(i.hex() for i, _ in candidates)
        raise TokenError(f"the token holds several keys ({ids}); choose one with --key-id")
    kid, cert = candidates[0]
    check_usable(cert)
    others = [c for i, _, c in certs if c.dump() != cert.dump()]
    return PKCS11Signer(session, key_id=kid, signing_cert=cert, ca_chain=others)
