"""Build the bundle hospital IT deploys: wheels for offline installation, the signed extension,
browser policies, install/uninstall scripts and README-IT, with SHA256SUMS.

    scripts/build-bundle [--out DIR] [--key FILE] [--platforms all|current|NAME...]
                         [--update-url URL] [--config FILE] [--extension-dir DIR]

Everything that names the extension (manifest "key", CRX, update.xml, policies, the service's
allowed extension id inside the clearpost wheel) is derived from the one signing key, so a
hospital key (--key) changes the id everywhere at once.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import plistlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import yaml

DEPLOY = Path(__file__).resolve().parent
REPO = DEPLOY.parent
sys.path.insert(0, str(REPO / "service"))
sys.path.insert(0, str(DEPLOY))

from clearpost.config import parse_config  # noqa: E402  (the repository's own source)

import crx  # noqa: E402

BUNDLE_NAME = "clearpost-bundle"
DEV_KEY = REPO / "extension" / "keys" / "dev-signing-key.pem"
ALLOWED_EXTENSIONS = Path("service/clearpost/data/allowed_extensions.yaml")
PLACEHOLDER_UPDATE_URL = "https://clearpost.invalid/extension/update.xml"
DEFAULT_WHEEL_CACHE = Path.home() / ".cache" / "clearpost-bundle" / "wheels"
# Zip entries get one fixed timestamp so the same inputs give the same extension bytes.
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
# The files copied verbatim into the bundle's root.
BUNDLE_SCRIPTS = ("install.sh", "uninstall.sh", "install.ps1", "uninstall.ps1")


@dataclass(frozen=True)
class WheelTarget:
    name: str
    pip_flags: tuple[str, ...]   # empty: the running interpreter
    required: bool


@dataclass(frozen=True)
class ExtensionIdentity:
    id: str
    manifest_key: str
    update_url: str
    crx_url: str
    version: str


def log(message: str) -> None:
    print(f"build-bundle: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- wheels

def wheel_targets(selection: list[str]) -> list[WheelTarget]:
    if selection == ["current"]:
        return [WheelTarget("current", (), True)]
    spec = yaml.safe_load((DEPLOY / "platforms.yaml").read_text(encoding="utf-8"))
    platforms = spec["platforms"]
    names = list(platforms) if selection == ["all"] else selection
    unknown = sorted(set(names) - set(platforms))
    if unknown:
        raise SystemExit(f"build-bundle: unknown platform(s) {', '.join(unknown)}; known: all, current, {', '.join(platforms)}")
    targets = []
    for name in names:
        platform = platforms[name]
        tags = platform.get("tags") or manylinux_tags(platform["manylinux_glibc"], platform["arch"])
        for version in spec["python_versions"]:
            flags = [flag for tag in tags for flag in ("--platform", tag)]
            flags += ["--python-version", version, "--implementation", "cp"]
            targets.append(WheelTarget(f"{name} cp{version.replace('.', '')}", tuple(flags), platform["required"]))
    return targets


def manylinux_tags(glibc: str, arch: str) -> list[str]:
    """Every manylinux tag a system with this glibc accepts, newest first (PEP 600 and legacy aliases)."""
    major, ceiling = (int(part) for part in glibc.split("."))
    tags = [f"manylinux_{major}_{minor}_{arch}" for minor in range(ceiling, 4, -1)]
    legacy = {17: "manylinux2014", 12: "manylinux2010", 5: "manylinux1"}
    return tags + [f"{alias}_{arch}" for minor, alias in legacy.items() if minor <= ceiling]


def pip(*args: str, show_errors: bool = False) -> bool:
    """Run pip; True if it succeeded. Expected failures (an offline attempt) stay silent."""
    result = subprocess.run([sys.executable, "-m", "pip", *args, "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode and show_errors:
        sys.stderr.write("".join(line for line in result.stderr.splitlines(keepends=True) if "is ignored" not in line))
    return result.returncode == 0


def build_clearpost_wheel(extension_id: str, work: Path) -> Path:
    """Build the clearpost wheel from a copy of the source whose allowed extension id is the
    bundle's: the hospital's own config file stays theirs, and the public development id is
    not accepted by a hospital build."""
    source = work / "source"
    shutil.copytree(REPO / "service", source / "service", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    allowed_path = source / ALLOWED_EXTENSIONS
    allowed = yaml.safe_load(allowed_path.read_text(encoding="utf-8"))
    dev_id = crx.extension_id(crx.public_key_der(crx.load_private_key(DEV_KEY)))
    if extension_id != dev_id:
        ids = [entry for entry in allowed["extension_ids"] if entry != dev_id]
        allowed["extension_ids"] = [extension_id, *ids]
        allowed_path.write_text("# Written by build-bundle: the id of the hospital's signing key.\n"
                                + yaml.safe_dump(allowed, sort_keys=False), encoding="utf-8")
    wheel_dir = work / "clearpost-wheel"
    if not pip("wheel", "--no-deps", "--wheel-dir", str(wheel_dir), str(source), show_errors=True):
        raise SystemExit("build-bundle: building the clearpost wheel failed")
    return next(wheel_dir.glob("clearpost-*.whl"))


def collect_wheels(clearpost_wheel: Path, targets: list[WheelTarget], cache: Path, wheels_out: Path) -> list[str]:
    """Copy into wheels_out every wheel each target needs, from the cache; fill the cache from
    the package index only for what it lacks. Returns the names of the targets included."""
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.glob("clearpost-*.whl"):   # the fresh build below is the only clearpost
        stale.unlink()
    links = ["--find-links", str(clearpost_wheel.parent), "--find-links", str(cache)]
    requirement = str(clearpost_wheel)
    # Wheels for the running interpreter first: `pip wheel` also turns sdist-only dependencies
    # into (pure-python) wheels, which every other target then finds in the cache.
    if not pip("wheel", "--no-index", *links, "--wheel-dir", str(cache), requirement):
        log("fetching wheels for the running interpreter …")
        if not pip("wheel", *links, "--wheel-dir", str(cache), requirement, show_errors=True):
            raise SystemExit("build-bundle: could not fetch the dependencies for the running interpreter")
    for stale in cache.glob("clearpost-*.whl"):
        stale.unlink()

    included = []
    for target in targets:
        offline = ["download", "--no-index", "--only-binary=:all:", *target.pip_flags, *links, "--dest", str(wheels_out), requirement]
        if not pip(*offline):
            log(f"fetching wheels for {target.name} …")
            pip("download", "--only-binary=:all:", *target.pip_flags, *links, "--dest", str(cache), requirement, show_errors=target.required)
            for stale in cache.glob("clearpost-*.whl"):
                stale.unlink()
            if not pip(*offline, show_errors=True):
                if target.required:
                    raise SystemExit(f"build-bundle: no complete set of wheels for {target.name}")
                log(f"WARNING: leaving out {target.name}: a dependency has no wheel for it")
                continue
        included.append(target.name)
    return included


# ---------------------------------------------------------------- extension

def zip_directory(directory: Path, manifest: dict, destination: Path) -> bytes:
    """A deterministic zip of the extension with the given manifest.json."""
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            relative = path.relative_to(directory).as_posix()
            data = json.dumps(manifest, indent=2).encode() + b"\n" if relative == "manifest.json" else path.read_bytes()
            info = zipfile.ZipInfo(relative, ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return destination.read_bytes()


def pack_extension(extension_dir: Path, key, identity: ExtensionIdentity, out: Path) -> None:
    manifest_path = extension_dir / "manifest.json"
    if not manifest_path.is_file():
        raise SystemExit(f"build-bundle: {manifest_path} not found; build the extension first "
                         "(cd extension && npm ci && npm run build) or pass --extension-dir")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    signed_manifest = {**manifest, "key": identity.manifest_key}
    extension_out = out / "extension"
    extension_out.mkdir()
    # The stores assign their own id and refuse a manifest "key"; the CRX carries it.
    store_manifest = {name: value for name, value in manifest.items() if name != "key"}
    zip_directory(extension_dir, store_manifest, extension_out / "clearpost-extension.zip")
    with tempfile.TemporaryDirectory() as scratch:
        signed_zip = zip_directory(extension_dir, signed_manifest, Path(scratch) / "signed.zip")
    (extension_out / "clearpost.crx").write_bytes(crx.pack_crx3(signed_zip, key))
    (extension_out / "update.xml").write_text(update_manifest(identity), encoding="utf-8")


def update_manifest(identity: ExtensionIdentity) -> str:
    return ("<?xml version='1.0' encoding='UTF-8'?>\n"
            "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>\n"
            f"  <app appid='{identity.id}'>\n"
            f"    <updatecheck codebase='{identity.crx_url}' version='{identity.version}' />\n"
            "  </app>\n"
            "</gupdate>\n")


# ---------------------------------------------------------------- policies

def managed_settings(defaults: dict, config_file: Path | None, sites: list[str] | None) -> dict:
    settings = {"port": defaults["port"], "mode": defaults["mode"], "sites": sites or defaults["sites"]}
    if config_file:
        config = parse_config(config_file.read_text(encoding="utf-8"), source=str(config_file))
        settings.update(port=config.port, mode=config.mode)
    return settings


def write_policies(identity: ExtensionIdentity, settings: dict, defaults: dict, out: Path) -> None:
    forcelist_entry = f"{identity.id};{identity.update_url}"
    linux = out / "policies" / "linux"
    linux.mkdir(parents=True)
    policy = {"ExtensionInstallForcelist": [forcelist_entry], "3rdparty": {"extensions": {identity.id: settings}}}
    (linux / "clearpost.json").write_text(json.dumps(policy, indent=2) + "\n", encoding="utf-8")
    (linux / "policy-dirs.txt").write_text("\n".join(defaults["linux_policy_dirs"]) + "\n", encoding="utf-8")

    windows = out / "policies" / "windows"
    windows.mkdir(parents=True)
    (windows / "clearpost.reg").write_bytes(registry_file(identity, forcelist_entry, settings, defaults).encode("ascii"))

    macos = out / "policies" / "macos"
    macos.mkdir(parents=True)
    (macos / "clearpost.mobileconfig").write_bytes(mobileconfig(identity, forcelist_entry, settings, defaults))


def registry_file(identity: ExtensionIdentity, forcelist_entry: str, settings: dict, defaults: dict) -> str:
    """regedit's format: CRLF lines; the forcelist entry as value "1" (see README-IT before importing
    over an existing forcelist; install.ps1 picks a free number instead)."""
    lines = ["Windows Registry Editor Version 5.00", ""]
    for root in defaults["windows_policy_roots"]:
        policy_key = rf"{root}\3rdparty\extensions\{identity.id}\policy"
        lines += [rf"[{root}\ExtensionInstallForcelist]", f'"1"="{forcelist_entry}"', "",
                  f"[{policy_key}]", f'"port"=dword:{settings["port"]:08x}', f'"mode"="{settings["mode"]}"', "",
                  rf"[{policy_key}\sites]"]
        lines += [f'"{number}"="{site}"' for number, site in enumerate(settings["sites"], 1)] + [""]
    return "\r\n".join(lines) + "\r\n"


def mobileconfig(identity: ExtensionIdentity, forcelist_entry: str, settings: dict, defaults: dict) -> bytes:
    """A configuration profile for MDM: the forcelist per browser, and the extension's settings in
    the <browser>.extensions.<id> domain where Chrome and Edge read 3rdparty policy on macOS."""
    def payload(payload_type: str, content: dict) -> dict:
        identifier = f"org.clearpost.policy.{payload_type}"
        return {"PayloadType": payload_type, "PayloadIdentifier": identifier, "PayloadVersion": 1, "PayloadEnabled": True,
                "PayloadUUID": str(uuid.uuid5(uuid.NAMESPACE_URL, identifier)).upper(), **content}

    payloads = []
    for domain in defaults["macos_policy_domains"]:
        payloads.append(payload(domain, {"ExtensionInstallForcelist": [forcelist_entry]}))
        payloads.append(payload(f"{domain}.extensions.{identity.id}", dict(settings)))
    profile_id = f"org.clearpost.policy.{identity.id}"
    profile = {"PayloadType": "Configuration", "PayloadVersion": 1, "PayloadScope": "System",
               "PayloadIdentifier": profile_id, "PayloadUUID": str(uuid.uuid5(uuid.NAMESPACE_URL, profile_id)).upper(),
               "PayloadDisplayName": "ClearPost browser extension", "PayloadOrganization": "Hospital IT",
               "PayloadContent": payloads}
    return plistlib.dumps(profile)


# ---------------------------------------------------------------- bundle

def write_checksums(bundle: Path) -> None:
    """SHA256SUMS in `sha256sum -c` format, every file but itself."""
    lines = []
    for path in sorted(p for p in bundle.rglob("*") if p.is_file() and p.name != "SHA256SUMS"):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(bundle).as_posix()}")
    (bundle / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_archives(bundle: Path) -> list[Path]:
    tar_path = bundle.with_name(bundle.name + ".tar.gz")
    with tarfile.open(tar_path, "w:gz") as archive:
        archive.add(bundle, arcname=bundle.name)
    zip_path = bundle.with_name(bundle.name + ".zip")
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(bundle.rglob("*")):
            if path.is_file():
                # Wheels and zips are compressed already; deflating them again only costs time.
                method = zipfile.ZIP_STORED if path.suffix in (".whl", ".zip", ".crx") else zipfile.ZIP_DEFLATED
                archive.write(path, f"{bundle.name}/{path.relative_to(bundle).as_posix()}", compress_type=method)
    return [tar_path, zip_path]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build-bundle", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "dist", help="output directory (default: dist/)")
    parser.add_argument("--key", type=Path, default=DEV_KEY, help="the hospital's RSA signing key, PEM (default: the public development key)")
    parser.add_argument("--platforms", nargs="+", default=["all"], metavar="NAME",
                        help="all (default), current (the running interpreter only), or names from deploy/platforms.yaml")
    parser.add_argument("--update-url", default=PLACEHOLDER_UPDATE_URL, help="https URL where update.xml will be served (clearpost.crx next to it)")
    parser.add_argument("--config", type=Path, help="hospital configuration file: validated, shipped, and its port/mode go into the policies")
    parser.add_argument("--sites", nargs="+", choices=["x", "facebook", "linkedin"], help="sites ClearPost checks (default: all)")
    parser.add_argument("--extension-dir", type=Path, default=REPO / "extension" / "dist", help="the built extension (default: extension/dist)")
    parser.add_argument("--wheel-cache", type=Path, default=DEFAULT_WHEEL_CACHE, help=f"downloaded wheels, reused across builds (default: {DEFAULT_WHEEL_CACHE})")
    parser.add_argument("--no-archives", action="store_true", help="skip the .tar.gz and .zip of the bundle")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    key = crx.load_private_key(args.key)
    extension_dir = args.extension_dir.resolve()
    manifest = json.loads((extension_dir / "manifest.json").read_text(encoding="utf-8")) if (extension_dir / "manifest.json").is_file() else {}
    if not args.update_url.isascii() or not args.update_url.startswith(("https://", "http://")):
        raise SystemExit("build-bundle: --update-url must be an http(s) URL")
    if args.update_url == PLACEHOLDER_UPDATE_URL:
        log(f"WARNING: no --update-url; the policies name the placeholder {PLACEHOLDER_UPDATE_URL}")
    public_der = crx.public_key_der(key)
    identity = ExtensionIdentity(id=crx.extension_id(public_der), manifest_key=crx.manifest_key(key), update_url=args.update_url,
                                 crx_url=urljoin(args.update_url, "clearpost.crx"), version=manifest.get("version", "0"))
    defaults = yaml.safe_load((DEPLOY / "policy_defaults.yaml").read_text(encoding="utf-8"))
    settings = managed_settings(defaults, args.config, args.sites)

    bundle = (args.out / BUNDLE_NAME).resolve()
    if bundle.exists():
        shutil.rmtree(bundle)
    bundle.mkdir(parents=True)
    log(f"extension id {identity.id}")
    pack_extension(extension_dir, key, identity, bundle)
    write_policies(identity, settings, defaults, bundle)

    with tempfile.TemporaryDirectory(prefix="clearpost-build-") as work:
        clearpost_wheel = build_clearpost_wheel(identity.id, Path(work))
        (bundle / "wheels").mkdir()
        included = collect_wheels(clearpost_wheel, wheel_targets(args.platforms), args.wheel_cache.expanduser(), bundle / "wheels")

    for name in BUNDLE_SCRIPTS:
        shutil.copy2(DEPLOY / "templates" / name, bundle / name)
    shutil.copy2(DEPLOY / "README-IT.md", bundle / "README-IT.md")
    if args.config:
        (bundle / "config").mkdir()
        shutil.copy2(args.config, bundle / "config" / "config.yaml")
    info = {"version": clearpost_wheel.name.split("-")[1], "extension_id": identity.id, "extension_version": identity.version,
            "update_url": identity.update_url, "crx_url": identity.crx_url, "managed_settings": settings,
            "wheel_targets": included, "windows_policy_roots": defaults["windows_policy_roots"]}
    (bundle / "bundle.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    write_checksums(bundle)
    archives = [] if args.no_archives else write_archives(bundle)

    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    log(f"built {bundle} ({size / 1e6:.0f} MB; wheels for {', '.join(included)}) in {time.monotonic() - started:.0f} s")
    for archive in archives:
        log(f"  {archive} ({archive.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
