"""Chrome extension packaging: the extension id of a key, and CRX3 files signed with it.

CRX3 layout (Chromium components/crx_file/crx3.proto):
  "Cr24" | uint32 LE version 3 | uint32 LE header length | CrxFileHeader | zip
  CrxFileHeader { repeated AsymmetricKeyProof sha256_with_rsa = 2; bytes signed_header_data = 10000; }
  AsymmetricKeyProof { bytes public_key = 1; bytes signature = 2; }
  SignedData { bytes crx_id = 1; }   (serialized into signed_header_data)
The signature (RSA PKCS#1 v1.5, SHA-256) covers
  "CRX3 SignedData\\x00" | uint32 LE len(signed_header_data) | signed_header_data | zip.
Three tiny messages do not justify a protobuf dependency; they are encoded by hand below.
"""

from __future__ import annotations

import base64
import hashlib
import struct
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

CRX_MAGIC = b"Cr24"
CRX_VERSION = 3
SIGNATURE_CONTEXT = b"CRX3 SignedData\x00"
FIELD_SHA256_WITH_RSA = 2
FIELD_SIGNED_HEADER_DATA = 10000
FIELD_PUBLIC_KEY = 1
FIELD_SIGNATURE = 2
FIELD_CRX_ID = 1
WIRE_TYPE_LENGTH_DELIMITED = 2


def load_private_key(path: Path) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError(f"{path}: Chrome extensions are signed with an RSA key (openssl genrsa 2048)")
    return key


def public_key_der(key: rsa.RSAPrivateKey) -> bytes:
    """The DER SubjectPublicKeyInfo: what the manifest "key" holds (base64) and the id hashes."""
    return key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def manifest_key(key: rsa.RSAPrivateKey) -> str:
    return base64.b64encode(public_key_der(key)).decode("ascii")


def crx_id_bytes(public_der: bytes) -> bytes:
    return hashlib.sha256(public_der).digest()[:16]


def extension_id(public_der: bytes) -> str:
    """Chrome writes the first 16 bytes of sha256(key) in hex, with digits 0-f spelled a-p."""
    return "".join(chr(ord("a") + int(digit, 16)) for digit in crx_id_bytes(public_der).hex())


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _bytes_field(number: int, payload: bytes) -> bytes:
    return _varint(number << 3 | WIRE_TYPE_LENGTH_DELIMITED) + _varint(len(payload)) + payload


def pack_crx3(zip_bytes: bytes, key: rsa.RSAPrivateKey) -> bytes:
    public_der = public_key_der(key)
    signed_header_data = _bytes_field(FIELD_CRX_ID, crx_id_bytes(public_der))
    signed_message = SIGNATURE_CONTEXT + struct.pack("<I", len(signed_header_data)) + signed_header_data + zip_bytes
    signature = key.sign(signed_message, padding.PKCS1v15(), hashes.SHA256())
    proof = _bytes_field(FIELD_PUBLIC_KEY, public_der) + _bytes_field(FIELD_SIGNATURE, signature)
    header = _bytes_field(FIELD_SHA256_WITH_RSA, proof) + _bytes_field(FIELD_SIGNED_HEADER_DATA, signed_header_data)
    return CRX_MAGIC + struct.pack("<II", CRX_VERSION, len(header)) + header + zip_bytes
