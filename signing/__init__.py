"""PAdES signing and verification with pyHanko (PKCS#12 and PKCS#11 tokens)."""
