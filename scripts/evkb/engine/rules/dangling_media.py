"""A claim says it was seen in a media record that does not exist.

Each `seen_in` entry must name a file references/media/<id>.yaml, so the
article's report card lists the claim.

Failing example:

    seen_in:
      - {media: seed-03, status: not-found}

Fixed example:

    seen_in:
      - {media: seed-003, status: not-found}
"""
from ...load.validate import did_you_mean
from ._util import at

CODE = "R006"
NAME = "dangling-media"
LEVEL = "error"
OPTIONS: dict = {}


def check_claim(ctx, loaded):
    media = ctx.kb.media
    for i, seen in enumerate(loaded.record.seen_in):
        if seen.media not in media and ("media", seen.media) not in ctx.kb.unreadable:
            yield at(loaded, "seen_in", i, "media", value=True, message=f"unknown media record {seen.media!r}",
                     hint=did_you_mean(seen.media, media) or "add references/media/<id>.yaml")
