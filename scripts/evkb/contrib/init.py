"""`evkb init DIR --topic NAME`: a new, empty knowledge base that checks and builds at once.

Every file is created, never overwritten: a DIR that exists and holds anything is refused before
a file is written, so init cannot clobber a base (or anything else).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

from ..model import project
from . import ContribError
from . import base_templates as t
from .fsutil import create_new

TOPIC = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
KEEP = ".gitkeep"


def action_name() -> str:
    """owner/name of the project's repository: the composite action `uses:` it."""
    parts = urlparse(project.repository()).path.strip("/").split("/")
    return "/".join(parts[:2])


def base_files(topic: str) -> dict[str, str]:
    from ..model.schema import schema_for
    words = topic.replace("-", " ").replace("_", " ")
    fields = {"topic": topic, "topic_words": words, "title": f"{words.capitalize()} evidence base",
              "repository": project.repository(), "tag": project.release_tag(), "version": project.version(),
              "action": action_name()}
    files = {
        f"claims/{topic}/{KEEP}": "",
        f"references/{topic}.bib": f"% The BibTeX references of the {words} base: `evkb add doi:...` files them here.\n",
        f"references/findings/{KEEP}": "",
        f"references/media/{KEEP}": "",
        "references/vocabulary/populations.yaml": t.POPULATIONS,
        "references/vocabulary/activities.yaml": t.ACTIVITIES,
        "references/vocabulary/comparisons.yaml": t.COMPARISONS,
        "references/vocabulary/measures.yaml": t.MEASURES,
        "docs/about.md": t.ABOUT.format(**fields),
        "evkb.toml": t.EVKB_TOML,
        "mkdocs.yml": t.MKDOCS.format(**fields),
        "README.md": t.README.format(**fields),
        "CONTRIBUTING.md": t.CONTRIBUTING.format(**fields),
        ".gitignore": t.GITIGNORE,
        ".pre-commit-config.yaml": t.PRE_COMMIT.format(**fields),
        ".github/workflows/evkb.yml": t.WORKFLOW.format(**fields),
    }
    for kind in ("claim", "findings", "media"):
        files[f"docs/schemas/{kind}.schema.json"] = json.dumps(schema_for(kind), indent=2) + "\n"
    return files


def init_base(target: Path, topic: str) -> list[str]:
    """Create the base in `target` (created if missing); the paths written, relative to it."""
    if not TOPIC.match(topic):
        raise ContribError(f"topic {topic!r}: use lowercase letters, digits, - and _ (e.g. cold-water-swimming)")
    if target.exists() and not target.is_dir():
        raise ContribError(f"{target} is a file; give a new or empty folder")
    if target.is_dir() and any(target.iterdir()):
        raise ContribError(f"{target} is not empty; evkb init never writes over files: give a new or empty folder")
    files = base_files(topic)
    for rel, text in files.items():
        create_new(target / rel, text)
    return sorted(files)
