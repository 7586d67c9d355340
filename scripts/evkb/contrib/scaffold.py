"""`evkb new claim|finding`: write a record from a template, never over an existing file."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from ..model.records import CLAIM_ID_PATTERN, KEY_PATTERN
from . import ContribError
from .fsutil import create_new
from .schemaref import schema_comment
from .templates import CLAIM, FINDINGS, MEDIA, fill

TOPIC_PART = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
TODO = "TODO"


@dataclass
class Scaffolded:
    path: Path
    next_steps: list


def claim_path(root: Path, spec: str) -> tuple[Path, str, str]:
    """claims/<topic>/<id>.yaml for "topic/id" (the topic may have sub-folders)."""
    spec = spec.strip().removesuffix(".yaml").removeprefix("claims/")
    topic, _, claim_id = spec.rpartition("/")
    if not topic:
        raise ContribError(f"write TOPIC/ID, e.g. my-topic/{spec or 'my-claim'}: a claim lives in a topic folder")
    if not all(TOPIC_PART.match(part) for part in topic.split("/")):
        raise ContribError(f"topic {topic!r}: use lowercase letters, digits, - and _ (folders separated by /)")
    if not re.match(CLAIM_ID_PATTERN, claim_id):
        raise ContribError(f"claim id {claim_id!r}: use lowercase letters, digits, - and . (never ..)")
    return root / "claims" / topic / f"{claim_id}.yaml", topic, claim_id


def new_claim(root: Path, spec: str, kind: str = "circulating", statement: str | None = None,
              population: str | None = None, activity: str | None = None, today: str | None = None) -> Scaffolded:
    path, topic, claim_id = claim_path(root, spec)
    _refuse_existing_claim(root, claim_id, path)
    text = fill(CLAIM, comment=schema_comment(root, path, "claim"), id=claim_id, kind=kind,
                statement=statement or "TODO: the claim in one sentence, as it is made",
                explanation="TODO: what the evidence shows, in the base's words",
                reviewed=today or datetime.date.today().isoformat(),
                population=population or TODO, activity=activity or TODO)
    create_new(path, text)
    steps = _todo_steps(statement, population, activity) + [
        "add the publications the claim rests on under `sources:` (`evkb new reference`, `evkb new finding KEY`)",
        "put every number of the statement under `figures:` or `conditions:`",
        "run `evkb check` and fix what it reports; `evkb show " + claim_id + "` shows the verdict and grade"]
    if kind == "circulating":
        steps.insert(-1, "say where it was seen under `seen_in:` (a references/media/<id>.yaml record)")
    return Scaffolded(path, steps)


def _refuse_existing_claim(root: Path, claim_id: str, path: Path) -> None:
    if path.exists():
        raise ContribError(f"{path} already exists; edit it, or choose another id")
    for other in (root / "claims").rglob(f"{claim_id}.y*ml") if (root / "claims").is_dir() else ():
        raise ContribError(f"a claim with id {claim_id!r} already exists: {other}; choose another id")


def _todo_steps(statement, population, activity) -> list:
    steps = []
    if not statement:
        steps.append("write the claim in one sentence in `statement:`")
    steps.append("write `explanation:` once you know what the evidence says")
    if not population:
        steps.append("set `population:` (`evkb vocab populations` lists the terms)")
    if not activity:
        steps.append("set `activity:` (`evkb vocab activities`)")
    return steps


def new_finding(root: Path, key: str, design: str | None = None, population: str | None = None,
                activity: str | None = None, basis: str = "abstract") -> Scaffolded:
    if not re.match(KEY_PATTERN, key):
        raise ContribError(f"{key!r} is not a BibTeX key (letters, digits and _:.+- only)")
    path = root / "references" / "findings" / f"{key}.yaml"
    text = fill(FINDINGS, comment=schema_comment(root, path, "findings"), ref=key, design=design or TODO,
                population=population or TODO, activity=activity or TODO, basis=basis,
                summary="TODO: the study in one or two sentences, in the base's words")
    create_new(path, text)
    steps = [s for s, given in (("set `design:` (`evkb vocab designs`)", design),
                                ("set `population:` (`evkb vocab populations`)", population),
                                ("set `activity:` (`evkb vocab activities`)", activity)) if not given]
    steps += ["set `n:` and write `summary:`",
              "add each result under `findings:` with an `id` you will cite from claims",
              "run `evkb check`"]
    return Scaffolded(path, steps)


OUTLETS = ("news", "magazine", "blog", "health-site", "hospital", "social", "video", "other")


def new_media(root: Path, media_id: str, title: str | None = None, outlet: str | None = None,
              url: str | None = None, today: str | None = None) -> Scaffolded:
    """references/media/ID.yaml: an article record that claims cite under `seen_in:`."""
    if not re.match(KEY_PATTERN, media_id):
        raise ContribError(f"{media_id!r} is not a media id (letters, digits and _:.+- only)")
    path = root / "references" / "media" / f"{media_id}.yaml"
    text = fill(MEDIA, comment=schema_comment(root, path, "media"), id=media_id,
                title=title or "TODO: the article's title, as published", outlet=outlet or TODO,
                seen=today or datetime.date.today().isoformat(), url=url or TODO)
    if not url:
        text = text.replace("\nurl: TODO\n", "\n# url: where it was published, if known\n")
    create_new(path, text)
    steps = [s for s, given in (("write `title:` as published", title), ("set `outlet:`", outlet),
                                ("add `url:` if it is known", url)) if not given]
    steps += [f"cite it from a circulating claim: seen_in: [{{media: {media_id}, credited_as: ..., status: not-found}}]",
              "run `evkb check`; `evkb list --media " + media_id + "` is the article's report card"]
    return Scaffolded(path, steps)
