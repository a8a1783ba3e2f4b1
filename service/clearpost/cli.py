"""The `clearpost` command: a thin layer over the same engine the API uses."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import TextIO

from .config import DEFAULT_PORT, ConfigError, load_config


def _detector(args: argparse.Namespace):
    from .engine import Detector

    return Detector(load_config(args.config))


def _print_findings(analysis, out: TextIO) -> None:
    if not analysis.findings:
        out.write("No PHI found.\n")
        return
    for finding in analysis.findings:
        fix = f'replace with "{finding.suggestion}"' if finding.suggestion else "remove"
        out.write(f"{finding.start:>5}-{finding.end:<5} {finding.entity:<14} {finding.category:<6} "
                  f"{analysis.text[finding.start:finding.end]!r}: {fix}\n")
    out.write(f"Risk: {analysis.risk.level}\n")
    for reason in analysis.risk.reasons:
        out.write(f"  - {reason}\n")
    out.write(f"Redacted: {analysis.redacted}\n")


def cmd_analyze(args: argparse.Namespace) -> int:
    detector = _detector(args)
    if args.jsonl:
        for number, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                text = item["text"]
                if not isinstance(text, str):
                    raise TypeError
            except (ValueError, KeyError, TypeError):
                print(f"clearpost: line {number}: expected a JSON object with a string 'text'", file=sys.stderr)
                return 2
            result = {"id": item.get("id"), **detector.analyze(text).to_json()}
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return 0
    source = open(args.file, encoding="utf-8") if args.file and args.file != "-" else sys.stdin
    with source:
        _print_findings(detector.analyze(source.read()), sys.stdout)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import waitress

    from .app import create_app, keep_library_logs_free_of_text, server_options
    from .security import require_loopback

    try:
        require_loopback(args.host)
    except ValueError as error:
        print(f"clearpost: {error}", file=sys.stderr)
        return 2
    config = load_config(args.config)
    port = args.port or config.port
    config = type(config)(**{**config.__dict__, "host": args.host, "port": port})
    logging.basicConfig(level=args.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    from .engine import CACHE_SIZE, Detector

    # Before the engine is built: Presidio and spaCy log from their first use.
    keep_library_logs_free_of_text()

    cache_size = CACHE_SIZE if args.cache_size is None else args.cache_size
    app = create_app(config, detector=Detector(config, cache_size=cache_size))
    app.extensions["clearpost.detector"].warm_up()
    options = server_options(args.host, port, args.threads)
    logging.getLogger("clearpost").info("ClearPost %s listening on http://%s:%d (mode %s)", app.extensions["clearpost.detector"].version,
                                        args.host, port, config.mode)
    waitress.serve(app, **options)
    return 0


def cmd_check_config(args: argparse.Namespace) -> int:
    """Validate the hospital file (the installers run this); ConfigError exits 2 in main()."""
    config = load_config(args.config)
    print(f"Configuration OK ({config.source or 'no file, built-in defaults'}): {len(config.facilities)} facilities, "
          f"{len(config.mrn_patterns)} MRN patterns, {len(config.allow_terms)} allowed terms, mode {config.mode}, port {config.port}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clearpost", description="Find protected health information in a post before it is posted.")
    parser.add_argument("--config", help="hospital configuration file (default: $CLEARPOST_CONFIG or the OS default)")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the local service the browser extension talks to")
    serve.add_argument("--host", default="127.0.0.1", help="loopback address to bind (127.0.0.1, ::1 or localhost)")
    serve.add_argument("--port", type=int, default=None, help=f"port (default {DEFAULT_PORT}, or the config file's)")
    serve.add_argument("--threads", type=int, default=None, help="worker threads (default: 2 per core, at least 4)")
    serve.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                       help="log level; logs never hold the text or findings, whatever the level")
    serve.add_argument("--cache-size", type=int, default=None,
                       help="paragraphs kept in the analysis cache (0 turns it off, as `clearpost bench` does)")
    serve.set_defaults(handler=cmd_serve)

    analyze = commands.add_parser("analyze", help="show the PHI in a text (file or stdin)")
    analyze.add_argument("file", nargs="?", help="text file (default: stdin)")
    analyze.add_argument("--jsonl", action="store_true", help='read {"id","text"} lines on stdin, write one JSON result per line')
    analyze.set_defaults(handler=cmd_analyze)

    check_config = commands.add_parser("check-config", help="validate the hospital configuration file and summarize it")
    check_config.set_defaults(handler=cmd_check_config)

    from .evaluate import add_eval_command

    add_eval_command(commands)

    from .bench import add_bench_command

    add_bench_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except ConfigError as error:
        print(f"clearpost: invalid configuration: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
